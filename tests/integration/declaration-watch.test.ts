import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourtSeat, FileStatus } from '../../lib/db/generated/enums';
import { seedAgency } from '../../lib/demo/seed-agency';
import { declarationWatch } from '../../lib/insolvency/declaration-watch';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile } from './support/scenario-fixtures';

// The managers' watch over claim declarations (issue 14): which declarations lapsed or are about to, across the
// agency's files. Each fixture file has its own debtor and one claim issued on 1 December 2026 (the fixture's).
// Today is Wednesday 1 September 2027 (day 244 of a year that began on a Friday: 243 mod 7 = 5).

const owner = ownerDb();
const NOW = new Date('2027-09-01T10:00:00Z');
const day = (d: string) => new Date(`${d}T00:00:00Z`);
let tenantId: string;
let manager: Actor;
let agent: Actor;
let creditorUser: Actor;
let otherManager: Actor;
const files: Record<string, { id: string; reference: string }> = {};

async function fileIn(
  name: string,
  opening: { occurredOn: string; publishedOn: string | null; courtSeat?: CourtSeat } | null,
  status?: FileStatus,
) {
  const id = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY' });
  const file = await owner.caseFile.update({
    where: { tenantId_id: { tenantId, id } },
    data: status
      ? { status, phase: status === 'PAID' ? 'CLOSED' : 'AMICABLE' }
      : { status: 'SUSPENDED', phase: 'AMICABLE' },
  });
  files[name] = { id, reference: file.reference };
  if (!opening) return null;
  return owner.companyEvent.create({
    data: {
      tenantId,
      debtorId: file.debtorId,
      kind: 'RECEIVERSHIP',
      courtSeat: opening.courtSeat ?? 'METROPOLE',
      occurredOn: day(opening.occurredOn),
      publishedOn: opening.publishedOn ? day(opening.publishedOn) : null,
    },
  });
}

/** A declaration as lib/insolvency/file-claim-declaration.ts writes it: the creditor's, covering the file. */
async function declared(fileId: string, companyEventId: string, filedOn: string) {
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
  const declaration = await owner.claimDeclaration.create({
    data: {
      tenantId,
      fileId,
      creditorId: file.creditorId,
      companyEventId,
      filedOn: day(filedOn),
      powerOn: day(filedOn),
      declaredCents: 120_000n,
    },
  });
  await owner.claimDeclarationFile.create({
    data: { tenantId, declarationId: declaration.id, fileId, companyEventId, declaredCents: 120_000n },
  });
}

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('watch'),
    name: 'Veille des déclarations',
    seed: 41,
    files: 1,
    password: 'x-password-1',
  }));
  const { tenantId: other } = await seedAgency(owner, {
    slug: uniqueSlug('watch-other'),
    name: 'Autre agence',
    seed: 42,
    files: 1,
    password: 'x-password-1',
  });
  manager = await actorFor(owner, tenantId, 'MANAGER');
  agent = await actorFor(owner, tenantId, 'AGENT');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  otherManager = await actorFor(owner, other, 'MANAGER');
  const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId }, orderBy: { code: 'asc' } });
  // The fixtures' creditor lives in metropolitan France: two months before a metropolitan court, four before one
  // sitting overseas (R622-24 al. 3).
  expect(creditor.postcode).toMatch(/^(?!9[78])\d{5}$/);

  // Lapsed: 14 May + 2 months = Wednesday 14 July 2027, Bastille Day → Thursday 15 July (CPC 642).
  await fileIn('lapsed', { occurredOn: '2027-05-03', publishedOn: '2027-05-14' });
  // Within the alert: 9 July + 2 months = Thursday 9 September 2027 (day 252: 251 mod 7 = 6); alert from 25 August.
  await fileIn('alert', { occurredOn: '2027-07-01', publishedOn: '2027-07-09' });
  // The same publication as `lapsed`, by a court in Martinique: 14 May + 4 months = Tuesday 14 September 2027
  // (day 257: 256 mod 7 = 4), alert from 30 August: not lapsed, within the alert.
  await fileIn('overseas', { occurredOn: '2027-05-03', publishedOn: '2027-05-14', courtSeat: 'MARTINIQUE' });
  // No publication yet: the deadline cannot be counted.
  await fileIn('unknown', { occurredOn: '2027-08-02', publishedOn: null });
  // Further away: 20 August + 2 months = Wednesday 20 October 2027, alert from 5 October: counted, not listed.
  await fileIn('later', { occurredOn: '2027-08-10', publishedOn: '2027-08-20' });
  // Declared already: nothing to watch.
  const filed = await fileIn('filed', { occurredOn: '2027-05-03', publishedOn: '2027-05-14' });
  await declared(files.filed!.id, filed!.id, '2027-06-01');
  // Closed: paid before anything was declared.
  await fileIn('paid', { occurredOn: '2027-05-03', publishedOn: '2027-05-14' }, 'PAID');
  // Its one claim was issued (1 December 2026) after the judgment of 15 November 2026: nothing to declare (L622-17).
  await fileIn('after', { occurredOn: '2026-11-15', publishedOn: '2026-11-25' });
  // No proceedings at all.
  await fileIn('healthy', null);
});
afterAll(() => owner.$disconnect());

describe('the declarations that lapsed or are about to', () => {
  it('lists the lapsed first, then those within the alert by deadline, then those without publication', async () => {
    const watch = await declarationWatch({ actor: manager, now: NOW });
    expect(watch.today).toBe('2027-09-01');
    const ours = new Set(Object.values(files).map((f) => f.id));
    expect(watch.rows.every((r) => ours.has(r.fileId))).toBe(true);
    expect(watch.rows.map((r) => [r.fileReference, r.state, r.deadline, r.extended])).toEqual([
      [files.lapsed!.reference, 'LAPSED', '2027-07-15', false],
      [files.alert!.reference, 'ALERT', '2027-09-09', false],
      [files.overseas!.reference, 'ALERT', '2027-09-14', true],
      [files.unknown!.reference, 'UNKNOWN', null, false],
    ]);
    expect(watch.openLater).toBe(1);
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId }, orderBy: { code: 'asc' } });
    const debtor = await owner.caseFile.findFirstOrThrow({
      where: { tenantId, id: files.overseas!.id },
      include: { debtor: true },
    });
    expect(watch.rows[2]).toMatchObject({
      fileId: files.overseas!.id,
      fileStatus: 'SUSPENDED',
      creditorName: creditor.name,
      debtorName: debtor.debtor.displayName,
      proceedings: 'RECEIVERSHIP',
      openedOn: '2027-05-03',
      publishedOn: '2027-05-14',
      courtSeat: 'MARTINIQUE',
    });
  });

  it('drops a file once its declaration is filed', async () => {
    const event = await owner.companyEvent.findFirstOrThrow({
      where: { tenantId, debtor: { files: { some: { id: files.alert!.id } } } },
    });
    await declared(files.alert!.id, event.id, '2027-08-31');
    const watch = await declarationWatch({ actor: manager, now: NOW });
    expect(watch.rows.map((r) => r.fileReference)).not.toContain(files.alert!.reference);
    expect(watch.rows).toHaveLength(3);
  });

  it('is the managers’ own: an agent or a creditor user gets a 404, another agency sees none of it', async () => {
    await expect(declarationWatch({ actor: agent, now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(declarationWatch({ actor: creditorUser, now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await declarationWatch({ actor: otherManager, now: NOW })).toMatchObject({ rows: [], openLater: 0 });
  });
});
