import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { getFile, listCreditorOptions, listFiles } from '../../lib/cases/queries';
import { seedAgency } from '../../lib/demo/seed-agency';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
let a: { tenantId: string };
let b: { tenantId: string };
let agentA: Actor;
let creditorUserA: Actor;
let fileOfB: string;
let fileOfOtherCreditorInA: string;

beforeAll(async () => {
  a = await seedAgency(owner, {
    slug: uniqueSlug('iso-a'),
    name: 'Iso A',
    seed: 1,
    files: 30,
    password: 'x-password-1',
  });
  b = await seedAgency(owner, {
    slug: uniqueSlug('iso-b'),
    name: 'Iso B',
    seed: 2,
    files: 30,
    password: 'x-password-1',
  });
  agentA = await actorFor(owner, a.tenantId, 'AGENT');
  creditorUserA = await actorFor(owner, a.tenantId, 'CREDITOR');
  fileOfB = (await owner.caseFile.findFirstOrThrow({ where: { tenantId: b.tenantId } })).id;
  fileOfOtherCreditorInA = (
    await owner.caseFile.findFirstOrThrow({
      where: { tenantId: a.tenantId, NOT: { creditorId: creditorUserA.creditorId! } },
    })
  ).id;
});
afterAll(() => owner.$disconnect());

describe('tenant isolation in use-cases', () => {
  it('lists only the agency’s own files', async () => {
    const page = await listFiles({ actor: agentA, query: { pageSize: '100' } });
    expect(page.total).toBe(await owner.caseFile.count({ where: { tenantId: a.tenantId } }));
    const ids = new Set(
      (await owner.caseFile.findMany({ where: { tenantId: a.tenantId }, select: { id: true } })).map((f) => f.id),
    );
    expect(page.items.every((f) => ids.has(f.id))).toBe(true);
  });

  it('answers not found for another agency’s file, with no data', async () => {
    await expect(getFile({ actor: agentA, id: fileOfB })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('filtering by another agency’s creditor finds nothing', async () => {
    const creditorOfB = await owner.creditor.findFirstOrThrow({ where: { tenantId: b.tenantId } });
    const page = await listFiles({ actor: agentA, query: { creditor: creditorOfB.id } });
    expect(page).toMatchObject({ total: 0, items: [] });
  });

  it('a creditor user sees only its creditor’s files, creditors and file pages', async () => {
    const page = await listFiles({ actor: creditorUserA, query: { pageSize: '100' } });
    const own = await owner.caseFile.count({ where: { tenantId: a.tenantId, creditorId: creditorUserA.creditorId! } });
    expect(page.total).toBe(own);
    expect(own).toBeGreaterThan(0);
    expect(page.items.every((f) => f.creditorId === creditorUserA.creditorId)).toBe(true);
    expect(await listCreditorOptions({ actor: creditorUserA })).toHaveLength(1);
    await expect(getFile({ actor: creditorUserA, id: fileOfOtherCreditorInA })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const ownFile = page.items[0]!;
    expect((await getFile({ actor: creditorUserA, id: ownFile.id })).creditor.id).toBe(creditorUserA.creditorId);
  });

  it('a file view is written to the audit trail', async () => {
    const file = (await listFiles({ actor: agentA, query: {} })).items[0]!;
    await getFile({ actor: agentA, id: file.id, ip: '192.0.2.7' });
    const entries = await owner.auditLog.findMany({
      where: { tenantId: a.tenantId, action: 'file.viewed', entityId: file.id },
    });
    expect(entries.map((e) => ({ actor: e.actorId, ip: e.ip }))).toContainEqual({
      actor: agentA.membershipId,
      ip: '192.0.2.7',
    });
  });
});

describe('row-level security, without any application code', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await appRoleClient();
  });
  afterAll(() => client.end());

  it('returns no rows to a query made without a tenant context', async () => {
    for (const table of [
      'case_file',
      'claim',
      'debtor',
      'contact_point',
      'creditor',
      'membership',
      'activity',
      'audit_log',
    ]) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
  });

  it('shows one tenant’s rows only, even when the SQL asks for another tenant by id', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      const own = await client.query('SELECT count(*)::int AS n FROM case_file');
      const other = await client.query('SELECT count(*)::int AS n FROM case_file WHERE tenant_id = $1', [b.tenantId]);
      const byId = await client.query('SELECT * FROM case_file WHERE id = $1', [fileOfB]);
      expect(own.rows[0].n).toBe(30);
      expect(other.rows[0].n).toBe(0);
      expect(byId.rowCount).toBe(0);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('refuses to write a row into another tenant', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      await expect(
        client.query(`INSERT INTO audit_log (tenant_id, action, entity) VALUES ($1, 'x', 'y')`, [b.tenantId]),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('limits a creditor context to that creditor’s files, claims and debtors', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
        a.tenantId,
        creditorUserA.creditorId,
      ]);
      const { rows } = await client.query('SELECT DISTINCT creditor_id FROM claim');
      expect(rows).toEqual([{ creditor_id: creditorUserA.creditorId }]);
      const hidden = await client.query('SELECT 1 FROM case_file WHERE id = $1', [fileOfOtherCreditorInA]);
      expect(hidden.rowCount).toBe(0);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('keeps history append-only: the application role cannot update or delete activities', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      await expect(client.query(`UPDATE activity SET details = '{}'`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
