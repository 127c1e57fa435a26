import { timelineRenderer } from '../../lib/history/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress, SourceRow } from '../../lib/imports/pipeline/import-rows';
import { ownerDb } from './support/db';
import { runImport, seedImportTarget, type ImportTarget, type RunOptions } from './support/import-target';

/** Timeline lines as a French reader sees them. */
const fr = timelineRenderer('fr', 'Europe/Paris');

const owner = ownerDb();
const TODAY = '2026-11-20';
let target: ImportTarget;
let tenantId: string;
let creditor: ImportTarget['creditor'];

beforeAll(async () => {
  target = await seedImportTarget(owner, { slug: 'imp', name: 'Import', seed: 11, files: 6 });
  ({ tenantId, creditor } = target);
});
afterAll(() => owner.$disconnect());

const run = (rows: SourceRow[], options: Omit<RunOptions, 'today'> = {}) =>
  runImport(owner, target, rows, { ...options, today: TODAY });

const person = (n: number, extra: Record<string, string> = {}): SourceRow => ({
  rowNumber: n + 1,
  values: {
    lastName: 'Lefèvre',
    firstName: 'Hélène',
    addressLine1: '12 rue des Lilas',
    postcode: '69003',
    city: 'Lyon',
    invoiceNumber: `PIPE-${n}`,
    dueDate: '15/03/2026',
    amount: '1 234,56',
    ...extra,
  },
});

describe('import pipeline', () => {
  it('makes one file with several claims for one debtor, and totals follow', async () => {
    const { counts } = await run([person(1), person(2, { amount: '100', firstName: 'HELENE', lastName: 'LEFEVRE' })]);
    expect(counts).toEqual({ rows: 2, files: 1, claims: 2, updates: 0, duplicates: 0, rejected: 0, warned: 0 });
    const claim = await owner.claim.findFirstOrThrow({
      where: { tenantId, invoiceNumber: 'PIPE-1' },
      include: { file: true },
    });
    expect(Number(claim.file.principalCents)).toBe(123456 + 10000);
    const contacts = await owner.contactPoint.count({ where: { tenantId, debtorId: claim.file.debtorId } });
    expect(contacts).toBe(1);
    const timeline = await owner.activity.findMany({ where: { tenantId, fileId: claim.fileId } });
    expect(timeline.map((a) => fr(a).replace(/\s/g, ' '))).toEqual([
      `Dossier confié par ${creditor.name} — 2 factures, 1 334,56 €`,
    ]);
  });

  it('reports the rows read, then each step it writes, in order', async () => {
    const seen: ImportProgress[] = [];
    await run([person(90), person(91), person(92)], { onProgress: (p) => void seen.push(structuredClone(p)) });
    expect(seen).toEqual([
      { rows: 2 },
      { rows: 3 },
      ...(['debtors', 'contacts', 'files', 'claims', 'timeline'] as const).map((step, i) => ({
        rows: 3,
        writing: { step, index: i + 1, of: 5 },
      })),
    ]);
  });

  it('reads the rows while the work it is given runs, and writes nothing before that work is done', async () => {
    const seen: string[] = [];
    let finish = () => {};
    const statistics = new Promise<void>((resolve) => (finish = resolve)).then(() => void seen.push('statistics'));
    const onProgress = (p: ImportProgress) => {
      seen.push(p.writing ? p.writing.step : `read ${p.rows}`);
      if (p.rows === 3 && !p.writing) setTimeout(finish, 50);
    };
    await run([person(93), person(94), person(95)], { onProgress, beforeMerge: statistics });
    expect(seen.slice(0, 5)).toEqual(['read 2', 'read 3', 'statistics', 'debtors', 'contacts']);
  });

  it('re-uploading the same rows changes nothing the second time', async () => {
    const before = await owner.claim.count({ where: { tenantId } });
    const { counts } = await run([person(1), person(2, { amount: '100' })]);
    expect(counts).toMatchObject({ claims: 0, files: 0, duplicates: 2, rejected: 0 });
    expect(await owner.claim.count({ where: { tenantId } })).toBe(before);
  });

  it('adds a new invoice of a known debtor to its open file', async () => {
    const { counts } = await run([person(3, { email: 'helene@example.org' })]);
    expect(counts).toMatchObject({ files: 0, updates: 1, claims: 1 });
    const files = await owner.claim.findMany({
      where: { tenantId, invoiceNumber: { startsWith: 'PIPE-' } },
      select: { fileId: true },
    });
    expect(new Set(files.map((f) => f.fileId)).size).toBe(1);
  });

  it('recognises a seeded company by its SIREN written with spaces', async () => {
    const company = await owner.debtor.findFirstOrThrow({ where: { tenantId, kind: 'COMPANY', siren: { not: null } } });
    const spaced = company.siren!.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');
    const { counts } = await run([
      {
        rowNumber: 2,
        values: {
          companyName: 'Whatever SARL',
          siren: spaced,
          invoiceNumber: 'SIREN-1',
          dueDate: '2026-01-31',
          amount: '99,90',
        },
      },
    ]);
    expect(counts.claims).toBe(1);
    const claim = await owner.claim.findFirstOrThrow({
      where: { tenantId, invoiceNumber: 'SIREN-1' },
      include: { file: true },
    });
    expect(claim.file.debtorId).toBe(company.id);
  });

  it('refuses bad rows with the field and the reason, and imports the good ones', async () => {
    const { counts, outcomes } = await run([
      person(10, { amount: '-12,00' }),
      person(11, { amount: '0' }),
      person(12, { dueDate: '31/02/2026' }),
      person(13, { dueDate: '2027-01-01' }),
      person(14, { lastName: '=HYPERLINK("http://evil")' }),
      person(15),
      person(16, { invoiceNumber: 'PIPE-15' }),
      person(17, { invoiceNumber: 'PIPE-1', amount: '5,00' }),
    ]);
    const reasons = Object.fromEntries(outcomes.map((o) => [o.rowNumber, o.reason]));
    expect(counts).toMatchObject({ rows: 8, rejected: 7, claims: 1 });
    expect(reasons[11]).toBe('amount: must be greater than zero');
    expect(reasons[12]).toBe('amount: must be greater than zero');
    expect(reasons[13]).toContain('dueDate: "31/02/2026" is not a date');
    expect(reasons[14]).toContain('is in the future');
    expect(reasons[15]).toContain('spreadsheet formulas are not accepted');
    expect(reasons[16]).toBeNull();
    expect(reasons[17]).toBe('duplicate of row 16');
    expect(reasons[18]).toMatch(/already placed on file D\d+ with another amount/);
    const stored = await owner.importRejection.count({ where: { tenantId } });
    expect(stored).toBe(7);
  });

  it('places each invoice once when two imports of the creditor run at the same time', async () => {
    const other = (n: number) => person(n, { lastName: 'Concurrent', firstName: 'Cécile', postcode: '69007' });
    const [a, b] = await Promise.all([run([other(40), other(41)]), run([other(41), other(42)])]);
    expect(a.counts.claims + b.counts.claims).toBe(3);
    expect(a.counts.duplicates + b.counts.duplicates).toBe(1);
    expect(a.counts.files + b.counts.files).toBe(1);
    const claims = await owner.claim.findMany({
      where: { tenantId, invoiceNumber: { in: ['PIPE-40', 'PIPE-41', 'PIPE-42'] } },
      include: { file: true },
    });
    expect(claims).toHaveLength(3);
    expect(new Set(claims.map((c) => c.fileId)).size).toBe(1);
    expect(Number(claims[0]!.file.principalCents)).toBe(3 * 123456);
    expect(await owner.debtor.count({ where: { tenantId, lastName: 'Concurrent' } })).toBe(1);
  });

  it('leaves nothing behind when the import dies half-way', async () => {
    const before = await Promise.all([
      owner.claim.count({ where: { tenantId } }),
      owner.debtor.count({ where: { tenantId } }),
    ]);
    await expect(run([person(30), person(31, { lastName: 'Autre' })], { fail: true })).rejects.toThrow('worker killed');
    const after = await Promise.all([
      owner.claim.count({ where: { tenantId } }),
      owner.debtor.count({ where: { tenantId } }),
    ]);
    expect(after).toEqual(before);
  });
});
