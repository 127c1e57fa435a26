import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFile, listFiles } from '../../lib/cases/queries';
import { seedAgency } from '../../lib/demo/seed-agency';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
let tenantId: string;
let agent: Actor;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('q'),
    name: 'Queries',
    seed: 3,
    files: 60,
    password: 'x-password-1',
  }));
  agent = await actorFor(owner, tenantId, 'AGENT');
});
afterAll(() => owner.$disconnect());

describe('files list', () => {
  it('finds a file by debtor name, by file reference and by invoice number', async () => {
    const claim = await owner.claim.findFirstOrThrow({
      where: { tenantId },
      include: { file: { include: { debtor: true } } },
    });
    const byName = await listFiles({
      actor: agent,
      query: { q: claim.file.debtor.displayName.slice(0, 6).toLowerCase() },
    });
    expect(byName.items.map((f) => f.id)).toContain(claim.fileId);
    const byRef = await listFiles({ actor: agent, query: { q: claim.file.reference } });
    expect(byRef.items.map((f) => f.id)).toEqual([claim.fileId]);
    const byInvoice = await listFiles({ actor: agent, query: { q: claim.invoiceNumber } });
    expect(byInvoice.items.map((f) => f.id)).toEqual([claim.fileId]);
  });

  it('filters by creditor, phase and status', async () => {
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId } });
    const page = await listFiles({
      actor: agent,
      query: { creditor: file.creditorId, phase: file.phase, status: file.status, pageSize: '100' },
    });
    const expected = await owner.caseFile.count({
      where: { tenantId, creditorId: file.creditorId, phase: file.phase, status: file.status },
    });
    expect(page.total).toBe(expected);
    expect(page.items.every((f) => f.creditorId === file.creditorId && f.status === file.status)).toBe(true);
  });

  it('sorts by amount and by age, both ways', async () => {
    const desc = (await listFiles({ actor: agent, query: { sort: 'amount_desc', pageSize: '100' } })).items;
    expect(desc.map((f) => f.principalCents)).toEqual([...desc.map((f) => f.principalCents)].sort((x, y) => y - x));
    const oldest = (await listFiles({ actor: agent, query: { sort: 'age_desc', pageSize: '100' } })).items;
    const days = oldest.map((f) => f.oldestDueOn ?? '9999');
    expect(days).toEqual([...days].sort());
  });

  it('paginates on the server without overlap', async () => {
    const first = await listFiles({ actor: agent, query: { pageSize: '25', page: '1' } });
    const second = await listFiles({ actor: agent, query: { pageSize: '25', page: '2' } });
    const third = await listFiles({ actor: agent, query: { pageSize: '25', page: '3' } });
    expect(first.total).toBe(60);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([25, 25, 10]);
    const all = new Set([...first.items, ...second.items, ...third.items].map((f) => f.id));
    expect(all.size).toBe(60);
  });

  it('a file total is the sum of its claims', async () => {
    const file = (await listFiles({ actor: agent, query: { sort: 'amount_desc' } })).items[0]!;
    const detail = await getFile({ actor: agent, id: file.id });
    const sum = detail.claims.reduce((s, c) => s + c.principalCents, 0);
    expect(detail.totals.principalCents).toBe(sum);
    expect(file.principalCents).toBe(sum);
  });
});

describe('bad input gets a field message, never a crash', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['malformed creditor id', { creditor: '1 OR 1=1' }, 'creditor'],
    ['huge page size', { pageSize: '100000' }, 'pageSize'],
    ['non-numeric page', { page: 'two' }, 'page'],
    ['unknown sort key', { sort: 'principal_cents; DROP TABLE claim' }, 'sort'],
    ['unknown phase', { phase: 'LOST' }, 'phase'],
    ['SQL-ish search', { q: "x' OR 1=1 --" }, 'q'],
    ['statement in search', { q: 'a; DROP TABLE case_file' }, 'q'],
    ['unknown parameter', { tenant: 'someone-else' }, '_'],
  ];
  for (const [label, query, field] of cases) {
    it(label, async () => {
      const error = await listFiles({ actor: agent, query }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID', status: 400 });
      expect(Object.keys((error as { fields: object }).fields)).toContain(field);
    });
  }

  it('a name with an apostrophe and a hyphen is a valid search', async () => {
    await expect(listFiles({ actor: agent, query: { q: "D'Artagnan-Dupont" } })).resolves.toMatchObject({ total: 0 });
  });

  it('a malformed file id is invalid, not a server error', async () => {
    await expect(getFile({ actor: agent, id: "1'; --" })).rejects.toMatchObject({ code: 'INVALID' });
  });
});
