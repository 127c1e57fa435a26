import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeLimitation, recordLimitationEvent } from '../../lib/cases/claim-limitation';
import { noteLimitationEvent } from '../../lib/cases/note-limitation-event';
import { timelineRenderer } from '../../lib/history/render';
import { LIMITATION_BASES, LIMITATION_RULES } from '../../lib/compliance/limitation';
import { addDays, dayIn } from '../../lib/dates/days';
import type { ClaimNature } from '../../lib/db/generated/enums';
import { seedAgency } from '../../lib/demo/seed-agency';
import { createPlan } from '../../lib/payments/create-plan';
import { checkPlans } from '../../lib/payments/check-plans';
import { setLimitationBasis } from '../../lib/cases/set-limitation-basis';
import { recordPayment } from '../../lib/payments/record-payment';
import { reversePayment } from '../../lib/payments/reverse-payment';
import { refreshFiles } from '../../lib/workqueue/refresh';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { fileWithClaims } from './support/file-with-claims';
import { ownerDb, uniqueSlug } from './support/db';

// Limitation per claim against the database: the SQL writers agree with the rules, a payment or a plan restarts
// the period of the claims it acknowledges (C. civ. 2240), and the work queue reads the date that results.

const owner = ownerDb();
const timeline = timelineRenderer('fr', 'Europe/Paris');
const fr = (line: { kind: string; details: unknown }) => timeline(line).replace(/\s/g, ' ');
const today = dayIn('Europe/Paris');
const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
let tenantId: string;
let agent: Actor;
let manager: Actor;
let creditorUser: Actor;

async function makeFile(claims: { dueOn: string; cents: number }[], nature: ClaimNature = 'CONSUMER') {
  const debtor = await owner.debtor.findFirstOrThrow({ where: { tenantId } });
  const file = await fileWithClaims(owner, {
    tenantId,
    creditorId: creditorUser.creditorId!,
    claims: claims.map((c) => ({ dueOn: c.dueOn, principalCents: c.cents })),
    nature,
    debtorId: debtor.id,
    prefix: 'LIM',
  });
  await recomputeLimitation(owner, tenantId, [file.id]);
  return file;
}

const claimDates = async (fileId: string) =>
  (
    await owner.claim.findMany({
      where: { tenantId, fileId },
      select: { limitationBasis: true, limitationOn: true },
      orderBy: { dueOn: 'asc' },
    })
  ).map((c) => [c.limitationBasis, day(c.limitationOn)]);
const fileDate = async (id: string) =>
  day((await owner.caseFile.findFirstOrThrow({ where: { tenantId, id } })).limitationOn);
async function queueReasons(id: string): Promise<string[]> {
  await refreshFiles(owner, tenantId, [id], today);
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id } });
  return (file.priorityReasons as { code: string }[]).map((r) => r.code);
}

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('limit'),
    name: 'Prescription',
    seed: 17,
    files: 3,
    password: 'x-password-1',
  }));
  [agent, manager, creditorUser] = await Promise.all([
    actorFor(owner, tenantId, 'AGENT'),
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'CREDITOR'),
  ]);
});
afterAll(() => owner.$disconnect());

describe('limitation in the database', () => {
  it('limitation_years and default_limitation_basis agree with lib/compliance/limitation.ts', async () => {
    const rows = await owner.$queryRaw<{ basis: string; years: number }[]>`
      SELECT b::text AS basis, limitation_years(b) AS years FROM unnest(enum_range(NULL::"LimitationBasis")) b`;
    expect(Object.fromEntries(rows.map((r) => [r.basis, r.years]))).toEqual(
      Object.fromEntries(LIMITATION_BASES.map((b) => [b, LIMITATION_RULES[b].years])),
    );
    const [defaults] = await owner.$queryRaw<{ b2b: string; consumer: string; civil: string }[]>`
      SELECT default_limitation_basis('B2B')::text AS b2b, default_limitation_basis('CONSUMER')::text AS consumer,
             default_limitation_basis('CIVIL')::text AS civil`;
    expect(defaults).toEqual({ b2b: 'COMMERCIAL', consumer: 'CONSUMER', civil: 'CIVIL' });
  });

  it('dates a claim inserted without its limitation from its nature and due date', async () => {
    // B2B file: C. com. L110-4, 5 years from 2024-02-29 → 2029-02-28.
    const file = await makeFile([{ dueOn: '2024-02-29', cents: 10000 }], 'B2B');
    expect(await claimDates(file.id)).toEqual([['COMMERCIAL', '2029-02-28']]);
    expect(await fileDate(file.id)).toBe('2029-02-28');
  });
});

describe('a payment interrupts the period of the claims it pays (C. civ. 2240)', () => {
  it('restarts the date from the payment day, the queue stops saying time-barred, a reversal undoes it', async () => {
    // Consumer claims (L218-2, 2 years): C1 due 2024-10-01 → last day 2026-10-01, passed today (2026-12-07 or
    // later); C2 due 2025-03-01 → 2027-03-01. The file's date is the latest: 2027-03-01.
    const file = await makeFile([
      { dueOn: '2024-10-01', cents: 50000 },
      { dueOn: '2025-03-01', cents: 30000 },
    ]);
    expect(await claimDates(file.id)).toEqual([
      ['CONSUMER', '2026-10-01'],
      ['CONSUMER', '2027-03-01'],
    ]);
    expect(await fileDate(file.id)).toBe('2027-03-01');

    // €100 received 2025-11-15, imputed to C1 only (oldest first, no interest without a formal notice): C1's
    // period starts again that day, last day 2027-11-15; C2 is untouched. The file's date becomes 2027-11-15.
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '100,00',
      method: 'TRANSFER',
      receivedOn: '2025-11-15',
      expectedVersion: 0,
    });
    expect(paid.lines).toEqual([{ claimId: file.claimIds[0], part: 'PRINCIPAL', cents: 10000 }]);
    expect(await claimDates(file.id)).toEqual([
      ['CONSUMER', '2027-11-15'],
      ['CONSUMER', '2027-03-01'],
    ]);
    expect(await fileDate(file.id)).toBe('2027-11-15');
    const events = await owner.limitationEvent.findMany({ where: { tenantId, fileId: file.id } });
    expect(events.map((e) => [e.claimId, e.kind, day(e.occurredOn), e.paymentId])).toEqual([
      [file.claimIds[0], 'PAYMENT', '2025-11-15', paid.paymentId],
    ]);

    // The money never came: C1 is back to 2026-10-01.
    await reversePayment({ actor: manager, paymentId: paid.paymentId, reason: 'Chèque impayé' });
    expect((await claimDates(file.id))[0]).toEqual(['CONSUMER', '2026-10-01']);
  });

  it('the queue shows no "prescription acquise" for a file whose every claim was interrupted', async () => {
    // One consumer claim due 2024-09-01: last day 2026-09-01, passed. The queue says LIMITATION_PASSED.
    const file = await makeFile([{ dueOn: '2024-09-01', cents: 20000 }]);
    expect(await queueReasons(file.id)).toContain('LIMITATION_PASSED');
    // A payment received 2026-03-02, before the period ran out, restarts it to 2028-03-02: the queue follows.
    await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '20,00',
      method: 'CHEQUE',
      receivedOn: '2026-03-02',
      expectedVersion: 0,
    });
    expect(await fileDate(file.id)).toBe('2028-03-02');
    const reasons = await queueReasons(file.id);
    expect(reasons).not.toContain('LIMITATION_PASSED');
    expect(reasons.filter((r) => r.startsWith('LIMITATION'))).toEqual([]);
  });

  it('a plan agreed today restarts every claim of the file from today', async () => {
    const file = await makeFile([
      { dueOn: '2025-05-10', cents: 40000 },
      { dueOn: '2025-06-10', cents: 20000 },
    ]);
    await createPlan({
      actor: agent,
      fileId: file.id,
      downPaymentCents: '0,00',
      instalmentCount: '3',
      firstDueOn: addDays(today, 10),
      frequency: 'MONTHLY',
      expectedVersion: 0,
    });
    const twoYearsOn = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
    expect(await claimDates(file.id)).toEqual([
      ['CONSUMER', twoYearsOn],
      ['CONSUMER', twoYearsOn],
    ]);
  });

  it('a suspension under way leaves the claim and the file without a date until it ends', async () => {
    const file = await makeFile([{ dueOn: '2025-10-01', cents: 10000 }]);
    await recordLimitationEvent(owner, {
      tenantId,
      fileId: file.id,
      claimIds: file.claimIds,
      kind: 'SUSPENSION',
      on: '2026-01-05',
    });
    expect(await claimDates(file.id)).toEqual([['CONSUMER', null]]);
    expect(await fileDate(file.id)).toBeNull();
  });
});

describe('an agent records what moved the limitation', () => {
  it('a written acknowledgment, then a mediation under way and its end, each with its timeline line', async () => {
    // Consumer claim due 2025-01-20: last day 2027-01-20.
    const file = await makeFile([{ dueOn: '2025-01-20', cents: 15000 }]);
    // Acknowledged in writing on 2025-06-10: last day 2027-06-10 (C. civ. 2240, 2231).
    const ack = await noteLimitationEvent({
      actor: agent,
      input: {
        fileId: file.id,
        expectedVersion: 0,
        kind: 'WRITTEN_ACKNOWLEDGMENT',
        on: '2025-06-10',
        note: 'courrier',
      },
    });
    expect(await claimDates(file.id)).toEqual([['CONSUMER', '2027-06-10']]);
    // Mediation from 2026-02-01: no date while it runs.
    const med = await noteLimitationEvent({
      actor: agent,
      input: { fileId: file.id, expectedVersion: ack.version, kind: 'SUSPENSION', on: '2026-02-01' },
    });
    expect(await claimDates(file.id)).toEqual([['CONSUMER', null]]);
    // Declared over on 2026-03-03: 494 days were left on 2026-02-01 (to 2027-06-10); they run again from
    // 2026-03-03: 2026-03-03 + 494 days = 2027-07-10 (2026-03-03 → 2027-03-03 is 365, + 129 = 2027-07-10).
    await noteLimitationEvent({
      actor: agent,
      input: { fileId: file.id, expectedVersion: med.version, kind: 'SUSPENSION_END', on: '2026-03-03' },
    });
    expect(await claimDates(file.id)).toEqual([['CONSUMER', '2027-07-10']]);
    expect(await fileDate(file.id)).toBe('2027-07-10');
    const lines = await owner.activity.findMany({
      where: { tenantId, fileId: file.id, kind: 'limitation.recorded' },
      orderBy: { occurredAt: 'asc' },
    });
    expect(lines.map((l) => fr(l))).toEqual([
      'Reconnaissance de dette écrite du 10 juin 2025 : prescription interrompue (C. civ. 2240) — 1 facture — courrier',
      'Médiation ou procédure simplifiée depuis le 1 févr. 2026 : prescription suspendue (C. civ. 2238) — 1 facture',
      'Fin de la médiation ou de la procédure simplifiée le 3 mars 2026 : la prescription reprend (C. civ. 2238) — 1 facture',
    ]);
  });

  it('refuses an end on anything but a suspension, a claim of another file, and a creditor user', async () => {
    const file = await makeFile([{ dueOn: '2025-01-20', cents: 15000 }]);
    const other = await makeFile([{ dueOn: '2025-01-20', cents: 15000 }]);
    await expect(
      noteLimitationEvent({
        actor: agent,
        input: { fileId: file.id, expectedVersion: 0, kind: 'COURT_ACTION', on: '2025-06-10', endsOn: '2025-07-01' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await expect(
      noteLimitationEvent({
        actor: agent,
        input: {
          fileId: file.id,
          expectedVersion: 0,
          kind: 'WRITTEN_ACKNOWLEDGMENT',
          on: '2025-06-10',
          claimIds: other.claimIds,
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await expect(
      noteLimitationEvent({
        actor: creditorUser,
        input: { fileId: file.id, expectedVersion: 0, kind: 'WRITTEN_ACKNOWLEDGMENT', on: '2025-06-10' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.limitationEvent.count({ where: { tenantId, fileId: file.id } })).toBe(0);
  });
});

describe('an agent sets the basis of a claim', () => {
  it('recomputes the claim and the file at once, keeps the events, and writes the timeline and the audit', async () => {
    // Consumer claim due 2025-01-20 (L218-2: 2027-01-20), acknowledged in writing 2025-06-10 → 2027-06-10.
    const file = await makeFile([{ dueOn: '2025-01-20', cents: 15000 }]);
    const ack = await noteLimitationEvent({
      actor: agent,
      input: { fileId: file.id, expectedVersion: 0, kind: 'WRITTEN_ACKNOWLEDGMENT', on: '2025-06-10' },
    });
    // It was in fact a judgment of 2025-04-02 (CPCE L111-4, 10 years): the period runs from the judgment, and the
    // acknowledgment after it restarts the ten years: 2025-06-10 + 10 y = 2035-06-10.
    const set = await setLimitationBasis({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: ack.version,
        basis: 'COURT_TITLE',
        startsOn: '2025-04-02',
        reason: 'Jugement du tribunal judiciaire',
      },
    });
    expect(set.limitationOn).toBe('2035-06-10');
    expect(await claimDates(file.id)).toEqual([['COURT_TITLE', '2035-06-10']]);
    expect(await fileDate(file.id)).toBe('2035-06-10');
    const [line] = await owner.activity.findMany({
      where: { tenantId, fileId: file.id, kind: 'limitation.basis_changed' },
    });
    expect(fr(line!)).toMatch(
      /^Prescription de la facture LIM-.+ : 2 ans, C\. conso\. L218-2 → 10 ans, CPCE L111-4, à compter du 2 avr\. 2025 \(au lieu du 20 janv\. 2025\) — dernier jour : 10 juin 2027 → 10 juin 2035 — motif : Jugement du tribunal judiciaire$/,
    );
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'limitation.basis_changed', entityId: file.claimIds[0] },
    });
    expect(audit.actorId).toBe(agent.membershipId);
  });

  it('refuses nothing changed, an unknown basis, a future start, a missing reason and a creditor user', async () => {
    const file = await makeFile([{ dueOn: '2025-01-20', cents: 15000 }]);
    const base = { fileId: file.id, claimId: file.claimIds[0], expectedVersion: 0, reason: 'Contrat de transport' };
    const refusal = (input: Record<string, unknown>, actor = agent) =>
      setLimitationBasis({ actor, input: { ...base, ...input } }).then(
        () => null,
        (e: { code: string; fieldRefs?: Record<string, { key: string }> }) => [e.code, e.fieldRefs ?? null],
      );
    expect(await refusal({ basis: 'CONSUMER' })).toEqual([
      'INVALID',
      { basis: expect.objectContaining({ key: 'workspace.limitation.errors.nothingChanged' }) },
    ]);
    expect(await refusal({ basis: 'MARITIME' })).toEqual([
      'INVALID',
      { basis: expect.objectContaining({ key: 'workspace.limitation.errors.basis' }) },
    ]);
    expect(await refusal({ basis: 'TRANSPORT', startsOn: addDays(today, 1) })).toEqual([
      'INVALID',
      { startsOn: expect.objectContaining({ key: 'workspace.limitation.errors.startsAfterToday' }) },
    ]);
    expect(await refusal({ basis: 'TRANSPORT', reason: '' })).toEqual([
      'INVALID',
      { reason: expect.objectContaining({ key: 'errors.field.required' }) },
    ]);
    expect(await refusal({ basis: 'TRANSPORT' }, creditorUser)).toEqual(['NOT_FOUND', null]);
    expect(await claimDates(file.id)).toEqual([['CONSUMER', '2027-01-20']]);
    expect(await owner.activity.count({ where: { tenantId, fileId: file.id, kind: 'limitation.basis_changed' } })).toBe(
      0,
    );
  });

  it('refuses the end of a suspension when none is under way', async () => {
    const file = await makeFile([{ dueOn: '2025-01-20', cents: 15000 }]);
    await expect(
      noteLimitationEvent({
        actor: agent,
        input: { fileId: file.id, expectedVersion: 0, kind: 'SUSPENSION_END', on: '2025-06-10' },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      fieldRefs: { kind: { key: 'workspace.limitation.errors.noSuspension' } },
    });
    expect(await owner.activity.count({ where: { tenantId, fileId: file.id, kind: 'limitation.recorded' } })).toBe(0);
  });
});

describe('consumer credit after a rescheduling (C. conso. R312-35 al. 2)', () => {
  it('a plan stops the forclusion; its first instalment missed past the grace period starts two new years', async () => {
    // A consumer credit whose first unregularised incident was 2025-11-30: forclosed after 2027-11-30.
    const file = await makeFile([{ dueOn: '2025-11-30', cents: 90000 }]);
    const set = await setLimitationBasis({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: 0,
        basis: 'CONSUMER_CREDIT',
        reason: 'Prêt personnel',
      },
    });
    expect(set.limitationOn).toBe('2027-11-30');
    const firstDueOn = addDays(today, 10);
    const plan = await createPlan({
      actor: agent,
      fileId: file.id,
      downPaymentCents: '0,00',
      instalmentCount: '3',
      firstDueOn,
      frequency: 'MONTHLY',
      expectedVersion: set.version,
    });
    // Rescheduled: no date while the plan is honoured.
    expect(await claimDates(file.id)).toEqual([['CONSUMER_CREDIT', null]]);
    expect(await fileDate(file.id)).toBeNull();
    const { graceDays } = await owner.paymentPlan.findFirstOrThrow({ where: { tenantId, id: plan.planId } });
    // The first instalment never paid: the daily check the day after its grace period breaks the plan, and the
    // incident is that instalment's due date: firstDueOn + 2 years.
    const report = await checkPlans({
      tenantId,
      now: new Date(`${addDays(firstDueOn, graceDays + 1)}T12:00:00Z`),
      client: owner,
    });
    expect(report.plansBroken).toBeGreaterThanOrEqual(1);
    const twoYearsOn = `${Number(firstDueOn.slice(0, 4)) + 2}${firstDueOn.slice(4)}`;
    expect(await claimDates(file.id)).toEqual([['CONSUMER_CREDIT', twoYearsOn]]);
    const incidents = await owner.limitationEvent.findMany({
      where: { tenantId, fileId: file.id, kind: 'PAYMENT_INCIDENT' },
    });
    expect(incidents.map((e) => [e.claimId, day(e.occurredOn), e.planId])).toEqual([
      [file.claimIds[0], firstDueOn, plan.planId],
    ]);
  });
});

describe('consumer credit: an incident regularised (C. conso. R312-35 al. 1)', () => {
  it('an agent records a second incident and the regularisation of the first: the forclusion runs from the second', async () => {
    // First unregularised incident 2025-01-31 (the claim's start): forclosed after 2027-01-31.
    const file = await makeFile([{ dueOn: '2025-01-31', cents: 60000 }]);
    const set = await setLimitationBasis({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: 0,
        basis: 'CONSUMER_CREDIT',
        reason: 'Crédit',
      },
    });
    expect(set.limitationOn).toBe('2027-01-31');
    // The instalment of 2025-02-28 missed too, then the arrears of January paid on 2025-03-20: the first
    // unregularised incident is now 2025-02-28, so 2027-02-28.
    const second = await noteLimitationEvent({
      actor: agent,
      input: { fileId: file.id, expectedVersion: set.version, kind: 'PAYMENT_INCIDENT', on: '2025-02-28' },
    });
    expect(await claimDates(file.id)).toEqual([['CONSUMER_CREDIT', '2027-01-31']]);
    const regularised = await noteLimitationEvent({
      actor: agent,
      input: { fileId: file.id, expectedVersion: second.version, kind: 'INCIDENT_REGULARISED', on: '2025-03-20' },
    });
    expect(await claimDates(file.id)).toEqual([['CONSUMER_CREDIT', '2027-02-28']]);
    // February's arrears paid on 2025-04-10: no unregularised incident left, no date.
    await noteLimitationEvent({
      actor: agent,
      input: { fileId: file.id, expectedVersion: regularised.version, kind: 'INCIDENT_REGULARISED', on: '2025-04-10' },
    });
    expect(await claimDates(file.id)).toEqual([['CONSUMER_CREDIT', null]]);
    const lines = await owner.activity.findMany({
      where: { tenantId, fileId: file.id, kind: 'limitation.recorded' },
      orderBy: { occurredAt: 'asc' },
    });
    expect(lines.map((l) => fr(l))[1]).toBe(
      'Incident de paiement régularisé le 20 mars 2025 : la forclusion court du prochain incident non régularisé ' +
        '(C. conso. R312-35) — 1 facture',
    );
  });
});
