import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPool, inTenantRaw } from '../../lib/db/raw';
import { seedAgency } from '../../lib/demo/seed-agency';
import {
  KEYS_HELD_BY_CONSTRUCTION,
  TABLES_WRITTEN_UNCHECKED,
  TRIGGERS_REPLAYED,
} from '../../lib/imports/pipeline/integrity';
import { importRows, type SourceRow } from '../../lib/imports/pipeline/import-rows';
import { ownerClient, ownerDb, uniqueSlug } from './support/db';

// The merge writes its tables with foreign-key checks and triggers off (lib/imports/pipeline/integrity.ts).
// These tests hold it to what PostgreSQL would have enforced.

const owner = ownerDb();
let sql: pg.Client;
let tenantId: string;
let target: { tenantId: string; creditorId: string; creditorName: string; mandateId: string };

beforeAll(async () => {
  sql = await ownerClient();
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('integrity'),
    name: 'Integrity',
    seed: 23,
    files: 4,
    password: 'x-password-1',
  }));
  const c = await owner.creditor.findFirstOrThrow({ where: { tenantId }, include: { mandates: true } });
  target = { tenantId, creditorId: c.id, creditorName: c.name, mandateId: c.mandates[0]!.id };
});
afterAll(async () => {
  await sql.end();
  await owner.$disconnect();
});

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
}

async function foreignKeys(): Promise<ForeignKey[]> {
  const { rows } = await sql.query<ForeignKey>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            array(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS "childColumns",
            array(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS "parentColumns"
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)
      ORDER BY 1`,
    [TABLES_WRITTEN_UNCHECKED],
  );
  return rows;
}

/** Rows of the tenant whose key points nowhere, for one foreign key (MATCH SIMPLE: a null column is no reference). */
async function orphans(fk: ForeignKey): Promise<number> {
  const notNull = fk.childColumns.map((c) => `ch.${c} IS NOT NULL`).join(' AND ');
  const same = fk.childColumns.map((c, i) => `p.${fk.parentColumns[i]} = ch.${c}`).join(' AND ');
  const { rows } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${fk.child} ch
      WHERE ch.tenant_id = $1 AND ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${same})`,
    [tenantId],
  );
  return rows[0]!.n;
}

const row = (n: number, values: SourceRow['values']): SourceRow => ({ rowNumber: n, values });

async function runImport(rows: SourceRow[]) {
  const batch = await owner.importBatch.create({
    data: { tenantId, creditorId: target.creditorId, source: 'CLI', fileName: 'integrity.csv' },
  });
  return inTenantRaw(
    { tenantId },
    async (client) => {
      const result = await importRows(client, {
        target: { ...target, importId: batch.id },
        rows: (async function* () {
          yield* rows;
        })(),
        today: '2026-11-20',
      });
      const { rows: role } = await client.query<{ role: string }>(
        "SELECT current_setting('session_replication_role') AS role",
      );
      return { ...result, roleAfter: role[0]!.role };
    },
    { pool: importPool() },
  );
}

describe('the merge without row checks', () => {
  it('knows every foreign key and trigger of the tables it writes', async () => {
    const keys = (await foreignKeys()).map((k) => k.name);
    expect(keys.sort()).toEqual([...KEYS_HELD_BY_CONSTRUCTION].sort());
    const { rows } = await sql.query<{ name: string }>(
      `SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY($1) ORDER BY 1`,
      [TABLES_WRITTEN_UNCHECKED],
    );
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(TRIGGERS_REPLAYED).sort());
  });

  it('leaves every key valid, marks each file for the reports, and turns the checks back on', async () => {
    const first = await runImport([
      row(2, {
        companyName: 'Nouvelle SARL',
        siren: '732 829 320',
        invoiceNumber: 'INT-1',
        dueDate: '01/10/2026',
        amount: '120,00',
        addressLine1: '1 rue Neuve',
        postcode: '75002',
        city: 'Paris',
        email: 'compta@nouvelle.fr',
        phone: '01 23 45 67 89',
      }),
      row(3, {
        companyName: 'Nouvelle SARL',
        siren: '732829320',
        invoiceNumber: 'INT-2',
        dueDate: '02/10/2026',
        amount: '80',
      }),
      row(4, {
        lastName: 'Martin',
        firstName: 'Lucie',
        postcode: '33000',
        city: 'Bordeaux',
        addressLine1: '4 quai Rive',
        invoiceNumber: 'INT-3',
        dueDate: '03/10/2026',
        amount: '45,50',
      }),
    ]);
    expect(first.counts).toMatchObject({ files: 2, claims: 3, updates: 0, rejected: 0 });
    await owner.reportDirtyFile.deleteMany({ where: { tenantId } });
    // Known debtors: their open files grow, a new address is added beside the old one.
    const { counts, roleAfter } = await runImport([
      row(2, {
        companyName: 'Nouvelle SARL',
        siren: '732829320',
        invoiceNumber: 'INT-4',
        dueDate: '04/10/2026',
        amount: '99,99',
        addressLine1: '9 avenue Autre',
        postcode: '69001',
        city: 'Lyon',
      }),
      row(3, {
        lastName: 'MARTIN',
        firstName: 'lucie',
        postcode: '33000',
        invoiceNumber: 'INT-5',
        dueDate: '05/10/2026',
        amount: '10',
      }),
      row(4, { lastName: 'Durand', postcode: '59000', invoiceNumber: 'INT-6', dueDate: '06/10/2026', amount: '12' }),
    ]);
    expect(counts).toMatchObject({ files: 1, updates: 2, claims: 3, rejected: 0 });
    expect(roleAfter).toBe('origin');

    for (const fk of await foreignKeys())
      expect({ fk: fk.name, orphans: await orphans(fk) }).toEqual({ fk: fk.name, orphans: 0 });

    const { rows: unmarked } = await sql.query<{ reference: string }>(
      `SELECT f.reference FROM claim c JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
        WHERE c.tenant_id = $1 AND c.invoice_number LIKE 'INT-%'
          AND NOT EXISTS (SELECT 1 FROM report_dirty_file d WHERE d.tenant_id = f.tenant_id AND d.file_id = f.id)`,
      [tenantId],
    );
    expect(unmarked).toEqual([]);
  });

  it('still refuses a broken key written after the merge in the same transaction', async () => {
    const batch = await owner.importBatch.create({
      data: { tenantId, creditorId: target.creditorId, source: 'CLI', fileName: 'after.csv' },
    });
    const attempt = inTenantRaw(
      { tenantId },
      async (client) => {
        await importRows(client, {
          target: { ...target, importId: batch.id },
          rows: (async function* () {
            yield row(2, {
              lastName: 'Après',
              postcode: '13001',
              invoiceNumber: 'INT-AFTER',
              dueDate: '01/10/2026',
              amount: '10',
            });
          })(),
          today: '2026-11-20',
        });
        await client.query(
          `INSERT INTO contact_point (tenant_id, debtor_id, kind, phone, source) VALUES ($1, gen_random_uuid(), 'PHONE', '+33123456789', 'test')`,
          [tenantId],
        );
      },
      { pool: importPool() },
    );
    await expect(attempt).rejects.toMatchObject({ code: '23503' });
    expect(await owner.claim.count({ where: { tenantId, invoiceNumber: 'INT-AFTER' } })).toBe(0);
  });
});
