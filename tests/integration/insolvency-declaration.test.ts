import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCompanyEvent } from '../../lib/cases/record-company-event';
import { seedAgency } from '../../lib/demo/seed-agency';
import { decideClaimDeclaration } from '../../lib/insolvency/decide-claim-declaration';
import { claimDeclarationData } from '../../lib/insolvency/declaration-data';
import { claimDeclarationDownload } from '../../lib/insolvency/declaration-document';
import { fileClaimDeclaration } from '../../lib/insolvency/file-claim-declaration';
import { DECLARATION_MESSAGES as M } from '../../lib/insolvency/messages';
import { fileInsolvency } from '../../lib/insolvency/queries';
import { agencyWindow } from '../../lib/compliance/agency-window';
import { recordDividend } from '../../lib/insolvency/record-dividend';
import { renderClaimDeclaration } from '../../lib/letters/claim-declaration';
import { readStored } from '../../lib/storage/documents';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, TEST_IBAN } from './support/scenario-fixtures';

// The insolvency declaration flow (issue 14, issue 16 « Déclaration de créance »): the opening judgment recorded with
// its mandataire → the declaration letter addressed to him with the amounts at the judgment → the declaration filed
// → contested, then admitted in part → a dividend recorded as a payment linked to its declaration. Hostile callers: a
// creditor's user and another agency's agent.

const owner = ownerDb();
let tenantId: string;
let otherTenant: string;
let agent: Actor;
let creditorUser: Actor;
let stranger: Actor;
let fileId: string;
let version: number;

const day = (d: string) => new Date(`${d}T00:00:00Z`);

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('insolvency'),
    name: 'Insolvabilités',
    seed: 31,
    files: 1,
    password: 'x-password-1',
  }));
  ({ tenantId: otherTenant } = await seedAgency(owner, {
    slug: uniqueSlug('insolvency-other'),
    name: 'Autre agence',
    seed: 32,
    files: 1,
    password: 'x-password-1',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  agent = await actorFor(owner, tenantId, 'AGENT');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  stranger = await actorFor(owner, otherTenant, 'AGENT');
  fileId = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY', placedAt: new Date('2026-01-15T08:00:00Z') });
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
  await owner.caseFile.update({ where: { tenantId_id: { tenantId, id: fileId } }, data: { status: 'IN_PROGRESS' } });
  const [fixture] = await owner.claim.findMany({ where: { tenantId, fileId } });
  //  A: issued 2025-11-01, due 2025-12-01, €1,200: born and due before the judgment.
  //  B: issued 2026-03-02, due 2026-04-01, €300: born before, due after (« à échoir », L622-25).
  //  C: issued 2026-03-20, due 2026-04-20, €500: born after the judgment (L622-17): not declared.
  await owner.claim.update({
    where: { tenantId_id: { tenantId, id: fixture!.id } },
    data: { issuedOn: day('2025-11-01'), dueOn: day('2025-12-01'), principalCents: 120_000n },
  });
  for (const [invoice, issuedOn, dueOn, cents] of [
    ['B', '2026-03-02', '2026-04-01', 30_000n],
    ['C', '2026-03-20', '2026-04-20', 50_000n],
  ] as const)
    await owner.claim.create({
      data: {
        tenantId,
        fileId,
        creditorId: file.creditorId,
        invoiceNumber: `${invoice}-${fileId.slice(0, 6)}`,
        nature: 'B2B',
        issuedOn: day(issuedOn),
        dueOn: day(dueOn),
        principalCents: cents,
      },
    });
  version = (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } })).version;
});
afterAll(() => owner.$disconnect());

describe('an insolvency declaration, from the opening judgment to the dividend', () => {
  it('records the judgment with its mandataire; the follow-up task falls due 15 days before the deadline', async () => {
    // Recorded on Wednesday 1 April 2026. Receivership opened on Monday 16 March 2026, published in the BODACC on
    // 27 March: the deadline is Wednesday 27 May 2026 (a working day), the alert 15 days before, 12 May, at
    // midnight in Paris (summer time, UTC+2).
    const result = await recordCompanyEvent({
      actor: agent,
      now: new Date('2026-04-01T08:00:00Z'),
      input: {
        fileId,
        expectedVersion: version,
        kind: 'RECEIVERSHIP',
        occurredOn: '2026-03-16',
        publishedOn: '2026-03-27',
        courtSeat: 'METROPOLE',
        administratorName: 'SELARL Mandatum, Me Claire Dupont',
        administratorStreet: '4 quai Jules Courmont',
        administratorPostcode: '69002',
        administratorCity: 'Lyon',
      },
    });
    version = result.version;
    const [task] = await owner.task.findMany({ where: { tenantId, fileId, kind: 'INSOLVENCY_FOLLOW_UP' } });
    expect(task?.dueAt.toISOString()).toBe('2026-05-11T22:00:00.000Z');
    expect(task?.noteRef).toMatchObject({ key: 'insolvency.declare', values: { deadline: '2026-05-27' } });
  });

  it('refuses a mandataire given in part, naming the missing fields', async () => {
    await expect(
      recordCompanyEvent({
        actor: agent,
        input: {
          fileId,
          expectedVersion: version,
          kind: 'LIQUIDATION',
          occurredOn: '2026-04-02',
          administratorName: 'Me Martin',
        },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      fields: {
        administratorStreet: expect.anything(),
        administratorPostcode: expect.anything(),
        administratorCity: expect.anything(),
      },
    });
  });

  it('shows the lapsed deadline on the file while nothing is filed', async () => {
    const view = await fileInsolvency(agent, fileId);
    expect(view).toMatchObject({ deadline: '2026-05-27', deadlineState: 'LAPSED', declaration: null });
    expect(view?.opening.administrator).toEqual({
      name: 'SELARL Mandatum, Me Claire Dupont',
      street: '4 quai Jules Courmont',
      postcode: '69002',
      city: 'Lyon',
    });
  });

  it('files the declaration: the amounts at the judgment, the security, the power; the follow-up is done', async () => {
    await expect(
      fileClaimDeclaration({
        actor: agent,
        input: { fileId, expectedVersion: version, filedOn: '2026-05-20', powerOn: '2026-05-21' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { powerOn: expect.anything() } });
    await expect(
      fileClaimDeclaration({
        actor: agent,
        input: { fileId, expectedVersion: version, filedOn: '2026-05-20', powerOn: '2026-05-18', security: 'PLEDGE' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { securityDetail: expect.anything() } });
    await expect(
      fileClaimDeclaration({
        actor: stranger,
        input: { fileId, expectedVersion: version, filedOn: '2026-05-20', powerOn: '2026-05-18' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      fileClaimDeclaration({
        actor: creditorUser,
        input: { fileId, expectedVersion: version, filedOn: '2026-05-20', powerOn: '2026-05-18' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const filed = await fileClaimDeclaration({
      actor: agent,
      input: {
        fileId,
        expectedVersion: version,
        filedOn: '2026-05-20',
        powerOn: '2026-05-18',
        security: 'RETENTION_OF_TITLE',
        securityDetail: 'Clause de réserve de propriété, CGV art. 9',
      },
    });
    version = filed.version;
    // A at the judgment (claim-declaration.test.ts computes it by hand): 120 000 + 4 154 of penalties to 15 March
    // + the €40 indemnity = 128 154; B to fall due: 30 000. Declared: 158 154, of which 30 000 to fall due.
    expect(filed).toMatchObject({ declaredCents: 158_154, toFallDueCents: 30_000, late: false });
    const tasks = await owner.task.findMany({ where: { tenantId, fileId, kind: 'INSOLVENCY_FOLLOW_UP' } });
    expect(tasks.map((t) => t.status)).toEqual(['DONE']);
    expect(await fileInsolvency(agent, fileId)).toMatchObject({
      deadlineState: 'FILED',
      declaration: { status: 'FILED', declaredCents: 158_154, security: 'RETENTION_OF_TITLE' },
    });
    await expect(
      fileClaimDeclaration({
        actor: agent,
        input: { fileId, expectedVersion: version, filedOn: '2026-05-21', powerOn: '2026-05-18' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: M.alreadyFiled });
  });

  it('prints the declaration to the mandataire, as the mandatary holding the creditor’s power', async () => {
    const { data } = await claimDeclarationData({ actor: agent, fileId });
    expect(data.addressee).toMatchObject({
      name: 'SELARL Mandatum, Me Claire Dupont',
      address: { lines: ['4 quai Jules Courmont'], postcode: '69002', city: 'Lyon' },
    });
    expect(data.date).toBe('2026-05-20');
    expect(data.mandatary).toEqual({ powerOn: '2026-05-18' });
    expect(data.security).toEqual({ kind: 'RETENTION_OF_TITLE', detail: 'Clause de réserve de propriété, CGV art. 9' });
    expect(data.proceedings.deadline).toBe('2026-05-27');
    expect(data.due.map((c) => [c.principalCents, c.interestCents, c.indemnityCents, c.dueCents])).toEqual([
      [120_000, 4154, 4000, 128_154],
    ]);
    expect(data.toFallDue.map((c) => [c.dueOn, c.dueCents])).toEqual([['2026-04-01', 30_000]]);
    // The bordereau: the power, each declared invoice, the security's deed.
    expect(data.documents.map((d) => d.kind)).toEqual(['POWER', 'INVOICE', 'INVOICE', 'SECURITY']);
    const pdf = await renderClaimDeclaration(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.DECLARATION_PDF) await writeFile(process.env.DECLARATION_PDF, pdf);
    await expect(claimDeclarationData({ actor: stranger, fileId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the letter as issued: the stored document is what the download serves, unchanged later', async () => {
    const [row] = await owner.claimDeclaration.findMany({ where: { tenantId, fileId } });
    expect(row!.documentId).not.toBeNull();
    const document = await owner.document.findFirstOrThrow({ where: { tenantId, id: row!.documentId! } });
    expect(document).toMatchObject({ fileId, kind: 'CLAIM_DECLARATION', reference: expect.stringMatching(/^DC-/) });
    const stored = await readStored(document.storageKey);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(document.sha256);
    expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.DECLARATION_STORED_PDF) await writeFile(process.env.DECLARATION_STORED_PDF, stored);

    const bytes = async () => {
      const download = await claimDeclarationDownload({ actor: agent, fileId });
      expect(download).toMatchObject({ contentType: 'application/pdf', name: expect.stringMatching(/\.pdf$/) });
      return Buffer.from(download.body as Uint8Array);
    };
    expect((await bytes()).equals(stored)).toBe(true);
    // The creditor moves: a letter drawn now would print the new address; the one sent keeps the old.
    const creditorId = (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } })).creditorId;
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId, id: creditorId } });
    await owner.creditor.update({
      where: { tenantId_id: { tenantId, id: creditorId } },
      data: { address: '1 place Bellecour' },
    });
    try {
      expect((await claimDeclarationData({ actor: agent, fileId })).data.creditor.address.lines).toEqual([
        '1 place Bellecour',
      ]);
      expect((await bytes()).equals(stored)).toBe(true);
    } finally {
      await owner.creditor.update({
        where: { tenantId_id: { tenantId, id: creditorId } },
        data: { address: creditor.address },
      });
    }
    await expect(claimDeclarationDownload({ actor: stranger, fileId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(claimDeclarationDownload({ actor: creditorUser, fileId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('records the contestation, then a partial admission; the outcome is then final', async () => {
    await expect(
      recordDividend({
        actor: agent,
        input: { fileId, expectedVersion: version, amount: '100', receivedOn: '2026-06-01' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: M.notAdmitted });
    const contested = await decideClaimDeclaration({
      actor: agent,
      input: { fileId, expectedVersion: version, outcome: 'CONTESTED', decidedOn: '2026-07-01' },
    });
    version = contested.version;
    await expect(
      decideClaimDeclaration({
        actor: agent,
        input: {
          fileId,
          expectedVersion: version,
          outcome: 'PART_ADMITTED',
          admitted: '1581.54',
          decidedOn: '2026-09-15',
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { admitted: expect.anything() } });
    await expect(
      decideClaimDeclaration({
        actor: stranger,
        input: { fileId, expectedVersion: version, outcome: 'REJECTED', decidedOn: '2026-09-15' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const admitted = await decideClaimDeclaration({
      actor: agent,
      input: {
        fileId,
        expectedVersion: version,
        outcome: 'PART_ADMITTED',
        admitted: '1 000,00',
        decidedOn: '2026-09-15',
      },
    });
    version = admitted.version;
    expect(admitted).toMatchObject({ status: 'PART_ADMITTED', admittedCents: 100_000 });
    await expect(
      decideClaimDeclaration({
        actor: agent,
        input: { fileId, expectedVersion: version, outcome: 'REJECTED', decidedOn: '2026-09-16' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: M.outcomeFinal });
  });

  it('records a dividend through the payment use-case: allocated to the claims, no receipt, no acknowledgment', async () => {
    const dividend = await recordDividend({
      actor: agent,
      input: { fileId, expectedVersion: version, amount: '250', receivedOn: '2026-11-20', reference: 'LJ-2026-118' },
    });
    version = dividend.fileVersion;
    // A declaration covering one file: the whole dividend is its share.
    expect(dividend).toMatchObject({ amountCents: 25_000, dividendsCents: 25_000 });
    expect(dividend.shares).toEqual([{ fileId, amountCents: 25_000, paymentId: expect.any(String) }]);
    const payment = await owner.payment.findFirstOrThrow({ where: { tenantId, id: dividend.shares[0]!.paymentId } });
    expect(payment).toMatchObject({ method: 'TRANSFER', reference: 'LJ-2026-118' });
    const allocated = await owner.allocation.aggregate({
      where: { tenantId, paymentId: payment.id },
      _sum: { amountCents: true },
    });
    expect(allocated._sum.amountCents).toBe(25_000n);
    expect(await owner.declarationDividend.count({ where: { tenantId, paymentId: payment.id } })).toBe(1);
    expect(await owner.limitationEvent.count({ where: { tenantId, paymentId: payment.id } })).toBe(0);
    // The creditor is told (R124-5); the debtor gets no receipt: the mandataire paid.
    expect(await owner.creditorNotification.count({ where: { tenantId, paymentId: payment.id } })).toBe(1);
    const lines = await owner.activity.findMany({ where: { tenantId, fileId }, orderBy: { occurredAt: 'asc' } });
    const kinds = lines.map((l) => l.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['company.event', 'declaration.filed', 'declaration.decided', 'payment.recorded']),
    );
    expect(kinds).not.toContain('receipt.issued');
    expect(lines.find((l) => l.kind === 'payment.recorded')?.details).toMatchObject({ dividend: true });

    await expect(
      recordDividend({
        actor: agent,
        input: { fileId, expectedVersion: version, amount: '800', receivedOn: '2026-11-25' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { amount: expect.anything() } });
    expect(await fileInsolvency(agent, fileId)).toMatchObject({
      declaration: { status: 'PART_ADMITTED', admittedCents: 100_000, dividendsCents: 25_000 },
    });
    // Another agency's agent does not find the file.
    await expect(fileInsolvency(stranger, fileId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the court’s seat and the creditor’s address (C. com. R622-24 al. 2 and 3)', () => {
  // Published on Wednesday 15 July 2026: two months end on Tuesday 15 September 2026; four months on Sunday
  // 15 November 2026, carried to Monday 16 November (CPC 642). Recorded on 1 August 2026.
  const now = new Date('2026-08-01T08:00:00Z');
  let seatFile: string;
  let creditorId: string;
  let creditorPostcode: string;

  beforeAll(async () => {
    seatFile = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY' });
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: seatFile } });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId, id: seatFile } },
      data: { status: 'IN_PROGRESS' },
    });
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId, id: file.creditorId } });
    creditorId = creditor.id;
    creditorPostcode = creditor.postcode;
  });
  afterAll(() =>
    owner.creditor.update({
      where: { tenantId_id: { tenantId, id: creditorId } },
      data: { postcode: creditorPostcode, country: 'FR' },
    }),
  );

  const record = async (over: Record<string, unknown>) => {
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: seatFile } });
    return recordCompanyEvent({
      actor: agent,
      now,
      input: {
        fileId: seatFile,
        expectedVersion: file.version,
        kind: 'RECEIVERSHIP',
        occurredOn: '2026-07-06',
        publishedOn: '2026-07-15',
        ...over,
      },
    });
  };

  it('refuses an opening judgment without its court’s seat, and writes nothing', async () => {
    const before = await owner.companyEvent.count({ where: { tenantId } });
    await expect(record({ courtSeat: '' })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { courtSeat: expect.anything() },
    });
    await expect(record({ courtSeat: 'PARIS' })).rejects.toMatchObject({ code: 'INVALID' });
    expect(await owner.companyEvent.count({ where: { tenantId } })).toBe(before);
  });

  it('gives a metropolitan creditor four months before a court sitting in Martinique', async () => {
    expect(creditorPostcode).toMatch(/^(?!9[78])\d{5}$/);
    const result = await record({ courtSeat: 'MARTINIQUE' });
    const [task] = await owner.task.findMany({
      where: { tenantId, fileId: seatFile, kind: 'INSOLVENCY_FOLLOW_UP', id: { in: result.taskIds } },
    });
    expect(task?.noteRef).toMatchObject({
      key: 'insolvency.declare',
      values: { deadline: '2026-11-16', months: 4, lapsed: false },
    });
    const event = await owner.companyEvent.findFirstOrThrow({ where: { tenantId, id: result.eventId } });
    expect(event.courtSeat).toBe('MARTINIQUE');
    // Counted in the court's calendar, kept with the judgment (decision 0021).
    expect(event.holidayRegion).toBe('FR_MARTINIQUE');
    const line = await owner.activity.findFirst({
      where: { tenantId, fileId: seatFile, kind: 'company.event' },
      orderBy: { occurredAt: 'desc' },
    });
    expect(line?.details).toMatchObject({ courtSeat: 'MARTINIQUE', declarationDeadline: '2026-11-16' });
    expect(await fileInsolvency(agent, seatFile)).toMatchObject({
      opening: { courtSeat: 'MARTINIQUE' },
      deadline: '2026-11-16',
      extended: true,
    });
  });

  it('gives a creditor living in Martinique two months before the same court (Cass. com. 13 July 2010)', async () => {
    await owner.creditor.update({ where: { tenantId_id: { tenantId, id: creditorId } }, data: { postcode: '97200' } });
    expect(await fileInsolvency(agent, seatFile)).toMatchObject({ deadline: '2026-09-15', extended: false });
    // The same creditor before a metropolitan court: two months more (al. 2).
    await owner.companyEvent.updateMany({
      where: { tenantId, debtorId: await debtorOf(seatFile) },
      data: { courtSeat: 'METROPOLE' },
    });
    expect(await fileInsolvency(agent, seatFile)).toMatchObject({ deadline: '2026-11-16', extended: true });
  });

  it('gives a creditor established abroad four months, even with a postcode that looks French', async () => {
    // The seat is metropolitan since the test above. Berlin's 10115 read as metropolitan France before the country.
    await owner.creditor.update({
      where: { tenantId_id: { tenantId, id: creditorId } },
      data: { postcode: '10115', country: 'DE' },
    });
    expect(await fileInsolvency(agent, seatFile)).toMatchObject({ deadline: '2026-11-16', extended: true });
    await owner.creditor.update({ where: { tenantId_id: { tenantId, id: creditorId } }, data: { country: 'FR' } });
    expect(await fileInsolvency(agent, seatFile)).toMatchObject({ deadline: '2026-09-15', extended: false });
    await expect(
      owner.creditor.update({ where: { tenantId_id: { tenantId, id: creditorId } }, data: { country: 'Germany' } }),
    ).rejects.toThrow(/creditor_country|check constraint/);
  });

  it('counts the deadline in the calendar of a court in Alsace-Moselle, not the agency’s', async () => {
    // A debtor whose seat is in Strasbourg: receivership published Tuesday 26 January 2027; two months end on Friday
    // 26 March 2027, Good Friday in Alsace-Moselle only (Easter 28 March), then the weekend and Easter Monday →
    // Tuesday 30 March 2027. The agency's calendar (metropolitan) would have said 26 March.
    const strasbourg = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY' });
    const file = await owner.caseFile.update({
      where: { tenantId_id: { tenantId, id: strasbourg } },
      data: { status: 'IN_PROGRESS' },
    });
    await owner.contactPoint.updateMany({
      where: { tenantId, debtorId: file.debtorId, kind: 'ADDRESS' },
      data: { postcode: '67000', city: 'Strasbourg' },
    });
    expect((await agencyWindow(owner, tenantId)).holidayRegion).toBe('FR');
    const result = await recordCompanyEvent({
      actor: agent,
      now: new Date('2027-02-01T08:00:00Z'),
      input: {
        fileId: strasbourg,
        expectedVersion: file.version,
        kind: 'RECEIVERSHIP',
        occurredOn: '2027-01-18',
        publishedOn: '2027-01-26',
        courtSeat: 'METROPOLE',
      },
    });
    const event = await owner.companyEvent.findFirstOrThrow({ where: { tenantId, id: result.eventId } });
    expect(event.holidayRegion).toBe('FR_ALSACE_MOSELLE');
    const [task] = await owner.task.findMany({ where: { tenantId, id: { in: result.taskIds } } });
    expect(task?.noteRef).toMatchObject({ values: { deadline: '2027-03-30', months: 2 } });
    expect(await fileInsolvency(agent, strasbourg)).toMatchObject({ deadline: '2027-03-30', extended: false });
  });

  it('keeps every opening judgment’s seat in the database, and none on another event', async () => {
    const debtorId = await debtorOf(seatFile);
    await expect(
      owner.companyEvent.create({
        data: { tenantId, debtorId, kind: 'LIQUIDATION', occurredOn: new Date('2026-07-20T00:00:00Z') },
      }),
    ).rejects.toThrow(/company_event_court_seat|check constraint/);
    await expect(
      owner.companyEvent.create({
        data: {
          tenantId,
          debtorId,
          kind: 'CESSATION',
          occurredOn: new Date('2026-07-20T00:00:00Z'),
          courtSeat: 'METROPOLE',
        },
      }),
    ).rejects.toThrow(/company_event_court_seat|check constraint/);
  });
});

async function debtorOf(id: string): Promise<string> {
  return (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id } })).debtorId;
}
