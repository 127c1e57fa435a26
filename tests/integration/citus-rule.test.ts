import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { ownerClient } from './support/db';

// Tables without tenant_id, each with the reason it is global (ARCHITECTURE.md rule 2). On Citus these
// become reference tables; everything else is distributed by tenant_id.
const GLOBAL_TABLES: Record<string, string> = {
  agency: 'the tenant registry itself: its id is every other table’s tenant_id',
  identity: 'a person signs in before choosing an agency; per-agency access is the membership table',
  password_reset: 'a password is the person’s (identity), reset before any agency is chosen; functions only',
  legal_rate: 'legal interest rates are set by the State for everyone',
  reference_rate: 'the ECB refinancing rate is the same for every agency',
  ledger_account: 'the chart of accounts is the same for every agency; sub-accounts are per creditor in the lines',
  _prisma_migrations: 'migration history of the database, not of a tenant',
};

let client: pg.Client;
let tenantTables: string[];

beforeAll(async () => {
  client = await ownerClient();
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  tenantTables = rows.map((r) => r.table_name).filter((t) => !(t in GLOBAL_TABLES));
});
afterAll(async () => {
  await client.end();
});

describe('Citus rule: tenant_id leads every key between tenant tables', () => {
  it('knows every table: tenant tables have tenant_id, global ones are listed with a reason', async () => {
    expect(tenantTables.length).toBeGreaterThan(5);
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'`,
    );
    expect(new Set(rows.map((r) => r.table_name))).toEqual(new Set(tenantTables));
  });

  it('every tenant table has tenant_id first in its primary key', async () => {
    const { rows } = await client.query<{ table: string; first: string | null }>(
      `SELECT t.relname AS table, a.attname AS first
         FROM pg_class t
         LEFT JOIN pg_index i ON i.indrelid = t.oid AND i.indisprimary
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
        WHERE t.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const row of rows) expect(row, row.table).toEqual({ table: row.table, first: 'tenant_id' });
  });

  it('every unique index on a tenant table includes tenant_id', async () => {
    const { rows } = await client.query<{ index: string; has_tenant: boolean }>(
      `SELECT ic.relname AS index,
              EXISTS (SELECT 1 FROM unnest(i.indkey) k JOIN pg_attribute a
                        ON a.attrelid = i.indrelid AND a.attnum = k WHERE a.attname = 'tenant_id') AS has_tenant
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indisunique AND t.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows.length).toBeGreaterThan(tenantTables.length);
    expect(rows.filter((r) => !r.has_tenant).map((r) => r.index)).toEqual([]);
  });

  it('every foreign key between tenant tables includes tenant_id on both sides', async () => {
    const { rows } = await client.query<{ name: string; from_cols: string[]; to_cols: string[] }>(
      `SELECT c.conname AS name,
              (SELECT array_agg(attname::text) FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY(c.conkey)) AS from_cols,
              (SELECT array_agg(attname::text) FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY(c.confkey)) AS to_cols
         FROM pg_constraint c JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
        WHERE c.contype = 'f' AND f.relname = ANY($1) AND r.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows.length).toBeGreaterThan(5);
    const offenders = rows.filter((r) => !r.from_cols.includes('tenant_id') || !r.to_cols.includes('tenant_id'));
    expect(offenders.map((r) => r.name)).toEqual([]);
  });

  it('every table listed as global exists and has no tenant_id (the list cannot go stale)', async () => {
    const { rows } = await client.query<{ table_name: string; has_tenant: boolean }>(
      `SELECT t.table_name,
              EXISTS (SELECT 1 FROM information_schema.columns c
                       WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'tenant_id')
                AS has_tenant
         FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_name = ANY($1)`,
      [Object.keys(GLOBAL_TABLES)],
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(Object.keys(GLOBAL_TABLES).sort());
    expect(rows.filter((r) => r.has_tenant).map((r) => r.table_name)).toEqual([]);
  });

  it('no global (reference) table points at a tenant (distributed) table', async () => {
    // Citus refuses a foreign key from a reference table to a distributed one.
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.conname AS name
         FROM pg_constraint c JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
        WHERE c.contype = 'f' AND f.relname = ANY($1) AND r.relname = ANY($2)`,
      [Object.keys(GLOBAL_TABLES), tenantTables],
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('every exclusion constraint on a tenant table includes tenant_id', async () => {
    // Like unique indexes, Citus enforces an exclusion constraint only within a shard.
    const { rows } = await client.query<{ name: string; has_tenant: boolean }>(
      `SELECT c.conname AS name,
              EXISTS (SELECT 1 FROM unnest(c.conkey) k JOIN pg_attribute a
                        ON a.attrelid = c.conrelid AND a.attnum = k WHERE a.attname = 'tenant_id') AS has_tenant
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'x' AND t.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows.filter((r) => !r.has_tenant).map((r) => r.name)).toEqual([]);
  });

  it('no view or materialized view reads across tenants without tenant_id', async () => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')`,
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('every tenant table forces row-level security with a tenant policy', async () => {
    const { rows } = await client.query<{ relname: string; rls: boolean; forced: boolean; policies: string[] }>(
      `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              coalesce((SELECT array_agg(policyname::text) FROM pg_policies p WHERE p.tablename = c.relname), '{}') AS policies
         FROM pg_class c WHERE c.relname = ANY($1) AND c.relkind = 'r'`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const row of rows) {
      expect({
        table: row.relname,
        rls: row.rls,
        forced: row.forced,
        tenantPolicy: row.policies.includes('tenant_isolation'),
      }).toEqual({ table: row.relname, rls: true, forced: true, tenantPolicy: true });
    }
  });

  it('the application role owns nothing and cannot bypass row-level security', async () => {
    const { rows } = await client.query<{ rolbypassrls: boolean; rolsuper: boolean; owned: number }>(
      `SELECT r.rolbypassrls, r.rolsuper,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = 'recouvra_app'`,
    );
    expect(rows).toEqual([{ rolbypassrls: false, rolsuper: false, owned: 0 }]);
  });
});
