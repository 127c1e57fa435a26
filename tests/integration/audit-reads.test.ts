import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debtorReaders, searchAudit } from '../../lib/privacy/audit-trail';
import { getFile, listFiles } from '../../lib/cases/queries';
import { isClosed } from '../../lib/cases/rules';
import { seedAgency } from '../../lib/demo/seed-agency';
import { rejectionsReport } from '../../lib/imports/rejections-report';
import { debtorRecord } from '../../lib/privacy/debtor-record';
import { creditorFilesSheet } from '../../lib/reports/creditor-files';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerClient, ownerDb, uniqueSlug } from './support/db';

// Issue 18: every read of a debtor's personal data lands in the append-only audit trail with who, when, what and
// from where; managers search it; the debtor's record shows who looked at that person.
const owner = ownerDb();
let tenantId: string;
let otherTenant: string;
let agent: Actor;
let manager: Actor;
let creditorUser: Actor;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('ar'),
    name: 'Audit',
    seed: 5,
    files: 30,
    password: 'x-password-1',
  }));
  ({ tenantId: otherTenant } = await seedAgency(owner, {
    slug: uniqueSlug('ar2'),
    name: 'Other',
    seed: 6,
    files: 5,
    password: 'x-password-1',
  }));
  agent = await actorFor(owner, tenantId, 'AGENT');
  manager = await actorFor(owner, tenantId, 'MANAGER');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
});
afterAll(() => owner.$disconnect());

async function entriesFor(debtorId: string) {
  return owner.auditLog.findMany({ where: { tenantId, debtorId }, orderBy: { occurredAt: 'asc' } });
}

describe('reads of personal data are audited', () => {
  it('the file page records who, what, which debtor and from where, in one entry per read', async () => {
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId } });
    const before = await entriesFor(file.debtorId);
    await getFile({ actor: agent, id: file.id, ip: '198.51.100.7' });
    const after = await entriesFor(file.debtorId);
    expect(after.length).toBe(before.length + 1);
    const entry = after.at(-1)!;
    expect(entry).toMatchObject({
      actorId: agent.membershipId,
      action: 'file.viewed',
      kind: 'read',
      entity: 'case_file',
      entityId: file.id,
      ip: '198.51.100.7',
      debtorId: file.debtorId,
    });
  });

  it('an API list records each listed file under its debtor; the agency list page records nothing', async () => {
    const count = () => owner.auditLog.count({ where: { tenantId, action: 'files.listed' } });
    const start = await count();
    await listFiles({ actor: agent, query: { pageSize: '5' } });
    expect(await count()).toBe(start);
    const page = await listFiles({ actor: agent, query: { pageSize: '5' }, audit: { ip: '198.51.100.8' } });
    const rows = await owner.auditLog.findMany({ where: { tenantId, action: 'files.listed', ip: '198.51.100.8' } });
    expect(rows.map((r) => r.entityId).sort()).toEqual(page.items.map((f) => f.id).sort());
    const files = await owner.caseFile.findMany({ where: { tenantId, id: { in: page.items.map((f) => f.id) } } });
    expect(rows.map((r) => r.debtorId).sort()).toEqual(files.map((f) => f.debtorId).sort());
    expect(rows.every((r) => r.kind === 'read')).toBe(true);
  });

  it('exports of debtors are audited: the creditor list and the rejected rows of an import', async () => {
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId } });
    const labels = {
      columns: Object.fromEntries(
        [
          'reference',
          'debtor',
          'placedOn',
          'phase',
          'status',
          'closedOn',
          'placed',
          'recovered',
          'collected',
          'outstanding',
        ].map((k) => [k, k]),
      ) as never,
      phase: (p: string) => p,
      status: (s: string) => s,
    };
    await creditorFilesSheet({ actor: manager, creditorId: creditor.id, labels, ip: '198.51.100.9' });
    const exported = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'creditor_files.exported', entityId: creditor.id },
    });
    expect(exported).toMatchObject({ kind: 'export', actorId: manager.membershipId, ip: '198.51.100.9' });

    const batch = await owner.importBatch.create({
      data: { tenantId, creditorId: creditorUser.creditorId!, source: 'UPLOAD', status: 'DONE', fileName: 'list.csv' },
    });
    await owner.importRejection.create({
      data: { tenantId, importId: batch.id, rowNumber: 2, reason: 'x', raw: { debtorName: 'Jeanne Rejetée' } },
    });
    let csv = '';
    for await (const chunk of rejectionsReport({ actor: creditorUser, importId: batch.id, ip: '198.51.100.10' }))
      csv += chunk;
    expect(csv).toContain('Jeanne Rejetée');
    const rejections = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'import.rejections_downloaded', entityId: batch.id },
    });
    expect(rejections).toMatchObject({ kind: 'export', actorId: creditorUser.membershipId, ip: '198.51.100.10' });
  });
});

describe('the trail is append-only and walled', () => {
  it('the web role cannot update or delete an entry', async () => {
    const web = await appRoleClient();
    try {
      await web.query('BEGIN');
      await web.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const { rows } = await web.query<{ id: string }>('SELECT id FROM audit_log LIMIT 1');
      expect(rows.length).toBe(1);
      await expect(web.query(`UPDATE audit_log SET ip = '0.0.0.0' WHERE id = $1`, [rows[0]!.id])).rejects.toThrow();
    } finally {
      await web.query('ROLLBACK');
    }
    try {
      await web.query('BEGIN');
      await web.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      await expect(web.query('DELETE FROM audit_log')).rejects.toThrow();
    } finally {
      await web.query('ROLLBACK');
      await web.end();
    }
  });

  it('even a role granted UPDATE by mistake is refused by the trigger', async () => {
    const client = await ownerClient();
    try {
      await client.query('BEGIN');
      await client.query('GRANT UPDATE, DELETE ON audit_log TO recouvra_app');
      await client.query('SET LOCAL ROLE recouvra_app');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      await expect(client.query(`UPDATE audit_log SET ip = '0.0.0.0'`)).rejects.toThrow(/append-only/);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});

describe('the managers search', () => {
  it('finds entries by user, debtor (id or name), kind and agency day, newest first, a page at a time', async () => {
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId }, include: { debtor: true }, skip: 3 });
    await getFile({ actor: agent, id: file.id, ip: '203.0.113.5' });
    await getFile({ actor: manager, id: file.id, ip: '203.0.113.6' });

    const byDebtor = await searchAudit({ actor: manager, query: { debtor: file.debtorId } });
    expect(byDebtor.items.length).toBeGreaterThanOrEqual(2);
    expect(byDebtor.items.every((r) => r.debtorId === file.debtorId)).toBe(true);
    expect(byDebtor.items[0]!.ip).toBe('203.0.113.6');
    expect(byDebtor.items[0]!.actorName).toBeTruthy();

    const byName = await searchAudit({ actor: manager, query: { debtor: file.debtor.displayName.slice(1, 8) } });
    expect(byName.items.map((r) => r.debtorId)).toContain(file.debtorId);

    const byUser = await searchAudit({ actor: manager, query: { user: agent.membershipId, kind: 'read' } });
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((r) => r.actorId === agent.membershipId && r.kind === 'read')).toBe(true);

    const inFuture = await searchAudit({ actor: manager, query: { from: '2099-01-01' } });
    expect(inFuture.total).toBe(0);
    const pastOnly = await searchAudit({ actor: manager, query: { to: '2000-01-01' } });
    expect(pastOnly.total).toBe(0);
    const around = await searchAudit({
      actor: manager,
      query: { from: '2000-01-01', to: '2099-12-31', debtor: file.debtorId },
    });
    expect(around.total).toBe(byDebtor.total);

    const all = await searchAudit({ actor: manager, query: {} });
    const times = all.items.map((r) => r.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.pageSize).toBe(50);
    const second = await searchAudit({ actor: manager, query: { page: '2' } });
    if (all.total > 50) expect(second.items[0]!.id).not.toBe(all.items[0]!.id);
  });

  it("refuses a bad query naming the field, and is not an agent's nor another agency's", async () => {
    await expect(searchAudit({ actor: manager, query: { from: '31/02/2026' } })).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(
      searchAudit({ actor: manager, query: { from: '2026-12-02', to: '2026-12-01' } }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await expect(searchAudit({ actor: agent, query: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const foreign = await owner.debtor.findFirstOrThrow({ where: { tenantId: otherTenant } });
    const other = await searchAudit({ actor: manager, query: { debtor: foreign.id } });
    expect(other.total).toBe(0);
  });
});

describe("the debtor's record", () => {
  it('shows who read the person, and opening it is itself a read', async () => {
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId }, skip: 7 });
    await getFile({ actor: agent, id: file.id, ip: '192.0.2.44' });
    const record = await debtorRecord({ actor: manager, id: file.debtorId, ip: '192.0.2.45' });
    expect(record.files.map((f) => f.id)).toContain(file.id);
    // Erasure: an open file is a reason named by its reference (the rules themselves: tests/unit/erasure-rules.test.ts).
    expect(record.erasure.some((b) => b.kind === 'OPEN_FILE' && b.reference === file.reference)).toBe(
      !isClosed(file.status),
    );
    expect(record.readers[0]).toMatchObject({
      action: 'debtor.viewed',
      actorId: manager.membershipId,
      ip: '192.0.2.45',
    });
    expect(record.readers.some((r) => r.actorId === agent.membershipId && r.ip === '192.0.2.44')).toBe(true);
    expect(record.readers.every((r) => r.kind === 'read' || r.kind === 'export')).toBe(true);
    await expect(debtorRecord({ actor: agent, id: file.debtorId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const foreign = await owner.debtor.findFirstOrThrow({ where: { tenantId: otherTenant } });
    await expect(debtorRecord({ actor: manager, id: foreign.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await debtorReaders(owner, tenantId, foreign.id)).toEqual([]);
  });
});
