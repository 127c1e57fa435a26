import { timelineRenderer } from '../../lib/history/render';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_PHASE } from '../../lib/cases/rules';
import { dayIn } from '../../lib/dates/days';
import type { ClaimNature, FileStatus } from '../../lib/db/generated/enums';
import { seedAgency } from '../../lib/demo/seed-agency';
import { AppError } from '../../lib/errors/app-error';
import { toErrorBody } from '../../lib/errors/describe';
import { cancelPlan } from '../../lib/payments/cancel-plan';
import { checkPlans } from '../../lib/payments/check-plans';
import { createPlan } from '../../lib/payments/create-plan';
import { PAYMENT_MESSAGES as M } from '../../lib/payments/messages';
import { PLAN_CHECK, schedulePlanChecks } from '../../lib/payments/plans-job';
import { previewPlan } from '../../lib/payments/preview-plan';
import { filePayments } from '../../lib/payments/queries';
import { recordPayment } from '../../lib/payments/record-payment';
import { reversePayment } from '../../lib/payments/reverse-payment';
import { addDays } from '../../lib/dates/days';
import { QueueName, queuePrefix } from '../../lib/queue/names';
import { createProducer } from '../../lib/queue/producers';
import { requestConnection } from '../../lib/redis/connection';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

/** Timeline lines as a French reader sees them. */
const fr = timelineRenderer('fr', 'Europe/Paris');

const owner = ownerDb();
let tenantA: string;
let tenantB: string;
let agent: Actor;
let manager: Actor;
let creditorUser: Actor;
let agentB: Actor;
let managerB: Actor;
/** The agency's calendar day (the seeded agencies work in Europe/Paris). */
const today = dayIn('Europe/Paris');

interface TestFile {
  id: string;
  claimIds: string[];
}

/** A file of agency A for the creditor user's creditor, with known claims, placed on 1 September 2025. */
async function makeFile(
  claims: { dueOn: string; principalCents: number }[],
  { nature = 'CONSUMER', status = 'IN_PROGRESS' }: { nature?: ClaimNature; status?: FileStatus } = {},
): Promise<TestFile> {
  const creditorId = creditorUser.creditorId!;
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, creditorId } });
  const debtor = await owner.debtor.findFirstOrThrow({ where: { tenantId: tenantA } });
  const file = await owner.caseFile.create({
    data: {
      tenantId: tenantA,
      creditorId,
      debtorId: debtor.id,
      mandateId: mandate.id,
      status,
      phase: STATUS_PHASE[status],
      nature,
      placedAt: new Date('2025-09-01T08:00:00Z'),
    },
  });
  const claimIds: string[] = [];
  for (const [i, c] of claims.entries()) {
    const claim = await owner.claim.create({
      data: {
        tenantId: tenantA,
        fileId: file.id,
        creditorId,
        invoiceNumber: `PAY-${randomUUID().slice(0, 8)}-${i + 1}`,
        issuedOn: new Date(`${addDays(c.dueOn, -30)}T00:00:00Z`),
        dueOn: new Date(`${c.dueOn}T00:00:00Z`),
        principalCents: BigInt(c.principalCents),
        nature,
      },
    });
    claimIds.push(claim.id);
  }
  return { id: file.id, claimIds };
}

const fileRow = (id: string) => owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id } });
const versionOf = async (id: string) => (await fileRow(id)).version;
const paymentCount = (fileId: string) => owner.payment.count({ where: { tenantId: tenantA, fileId } });

async function allocationsOf(paymentId: string) {
  const rows = await owner.allocation.findMany({ where: { tenantId: tenantA, paymentId } });
  return rows
    .map((r) => ({ claimId: r.claimId, part: r.part, cents: Number(r.amountCents) }))
    .sort((a, b) => `${a.claimId}${a.part}`.localeCompare(`${b.claimId}${b.part}`));
}

const sorted = <T extends { claimId: string | null; part: string }>(lines: T[]) =>
  [...lines].sort((a, b) => `${a.claimId}${a.part}`.localeCompare(`${b.claimId}${b.part}`));

const activitiesOf = (fileId: string, kind: string) =>
  owner.activity.findMany({ where: { tenantId: tenantA, fileId, kind }, orderBy: { occurredAt: 'asc' } });

/** Spaces as a reader sees them (French money uses no-break spaces). */
const plain = (s: string) => s.replace(/\s/g, ' ');

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  const seed = { seed: 11, files: 4, password: 'x-password-1' };
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: uniqueSlug('pay-a'), name: 'Paiements A' }));
  ({ tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('pay-b'), name: 'Paiements B' }));
  [agent, manager, creditorUser, agentB, managerB] = await Promise.all([
    actorFor(owner, tenantA, 'AGENT'),
    actorFor(owner, tenantA, 'MANAGER'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'AGENT'),
    actorFor(owner, tenantB, 'MANAGER'),
  ]);
});
afterAll(() => owner.$disconnect());

// B2B, hand-computed on 31 October 2025. H2 2025 penalty rate: ECB rate on 1 July 2025 (2.15 %) + 10 points
// = 12.15 %, actual/365.
//   B1 due 31 July 2025, €1,000: 92 days (1 Aug – 31 Oct) → 100000 × 1215 × 92 / 3 650 000 = 3062.47 → 3062
//   B2 due 31 Aug 2025, €500:   61 days (1 Sep – 31 Oct) →  50000 × 1215 × 61 / 3 650 000 = 1015.27 → 1015
// plus €40 indemnity each (D441-5). Owed that day: B1 3062 + 4000 + 100000 = 107062; B2 1015 + 4000 + 50000.
const B2B_CLAIMS = [
  { dueOn: '2025-07-31', principalCents: 100000 },
  { dueOn: '2025-08-31', principalCents: 50000 },
];

describe('recording a payment', () => {
  it('imputes interest, then the indemnity, then principal, oldest invoice first, and traces every line', async () => {
    const file = await makeFile(B2B_CLAIMS, { nature: 'B2B' });
    const [b1, b2] = file.claimIds as [string, string];
    const result = await recordPayment({
      actor: agent,
      ip: '192.0.2.7',
      fileId: file.id,
      amount: '1 100,00',
      method: 'TRANSFER',
      receivedOn: '2025-10-31',
      reference: 'VIR-2025-1031',
      expectedVersion: 0,
    });
    // 110000: B1 in full (107062), then B2's interest (1015) and 1923 of its indemnity.
    const expected = [
      { claimId: b1, part: 'INTEREST', cents: 3062 },
      { claimId: b1, part: 'INDEMNITY', cents: 4000 },
      { claimId: b1, part: 'PRINCIPAL', cents: 100000 },
      { claimId: b2, part: 'INTEREST', cents: 1015 },
      { claimId: b2, part: 'INDEMNITY', cents: 1923 },
    ];
    expect(result.lines).toEqual(expected);
    expect(result).toMatchObject({ amountCents: 110000, creditCents: 0, status: 'IN_PROGRESS', fileVersion: 1 });
    expect(result.receiptNumber).toMatch(/^Q\d{8}$/);
    expect(await allocationsOf(result.paymentId)).toEqual(sorted(expected));

    const payment = await owner.payment.findFirstOrThrow({ where: { tenantId: tenantA, id: result.paymentId } });
    expect(payment).toMatchObject({
      amountCents: 110000n,
      method: 'TRANSFER',
      receivedOn: new Date('2025-10-31T00:00:00Z'),
      reference: 'VIR-2025-1031',
      receiptNumber: result.receiptNumber,
      recordedBy: agent.membershipId,
      reversesId: null,
    });
    expect(await fileRow(file.id)).toMatchObject({ collectedCents: 110000n, creditCents: 0n, version: 1 });
    const [activity] = await activitiesOf(file.id, 'payment.recorded');
    expect(plain(fr(activity!))).toContain('Paiement de 1 100,00 € reçu le');
    expect(fr(activity!)).toContain(`quittance ${result.receiptNumber}`);
    expect(activity!.actorId).toBe(agent.membershipId);
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId: tenantA, action: 'payment.recorded', entityId: result.paymentId },
    });
    expect(audit).toMatchObject({ actorId: agent.membershipId, ip: '192.0.2.7' });

    const page = await filePayments(agent, file.id);
    expect(page.collectedCents).toBe(110000);
    expect(page.payments).toHaveLength(1);
    expect(page.payments[0]).toMatchObject({ receiptNumber: result.receiptNumber, amountCents: 110000 });
    expect(page.payments[0]!.allocations.map((a) => [a.part, a.cents])).toEqual(expected.map((e) => [e.part, e.cents]));
  });

  it('follows the claims the debtor designated (Code civil 1342-10)', async () => {
    const file = await makeFile(B2B_CLAIMS, { nature: 'B2B' });
    const [b1, b2] = file.claimIds as [string, string];
    const result = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: 110000,
      method: 'CHEQUE',
      receivedOn: '2025-10-31',
      claimOrder: [b2],
      expectedVersion: 0,
    });
    // B2 in full (1015 + 4000 + 50000 = 55015), then B1: 3062 + 4000 + 47923 = 54985.
    expect(result.lines).toEqual([
      { claimId: b2, part: 'INTEREST', cents: 1015 },
      { claimId: b2, part: 'INDEMNITY', cents: 4000 },
      { claimId: b2, part: 'PRINCIPAL', cents: 50000 },
      { claimId: b1, part: 'INTEREST', cents: 3062 },
      { claimId: b1, part: 'INDEMNITY', cents: 4000 },
      { claimId: b1, part: 'PRINCIPAL', cents: 47923 },
    ]);
  });

  it('holds an overpayment as a credit, closes the file as PAID and says so on the timeline', async () => {
    const file = await makeFile([
      { dueOn: '2025-05-10', principalCents: 30000 },
      { dueOn: '2025-06-10', principalCents: 20000 },
    ]);
    const result = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '600,00',
      method: 'CHEQUE',
      receivedOn: today,
      expectedVersion: 0,
    });
    expect(result.lines).toEqual([
      { claimId: file.claimIds[0], part: 'PRINCIPAL', cents: 30000 },
      { claimId: file.claimIds[1], part: 'PRINCIPAL', cents: 20000 },
      { claimId: null, part: 'CREDIT', cents: 10000 },
    ]);
    expect(result).toMatchObject({ creditCents: 10000, remainingCents: 0, status: 'PAID' });
    const row = await fileRow(file.id);
    expect(row).toMatchObject({ status: 'PAID', phase: 'CLOSED', collectedCents: 50000n, creditCents: 10000n });
    expect(row.closedAt).toBeInstanceOf(Date);
    const [activity] = await activitiesOf(file.id, 'payment.recorded');
    expect(plain(fr(activity!))).toContain('trop-perçu de 100,00 € conservé en avoir');
    expect(fr(activity!)).toContain('dossier soldé');
  });

  it('records a payment made directly to the creditor like any other, keeping its method', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
    const result = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: 12000,
      method: 'DIRECT_TO_CREDITOR',
      receivedOn: today,
      expectedVersion: 0,
    });
    expect(result.lines).toEqual([{ claimId: file.claimIds[0], part: 'PRINCIPAL', cents: 12000 }]);
    const payment = await owner.payment.findFirstOrThrow({ where: { tenantId: tenantA, id: result.paymentId } });
    expect(payment.method).toBe('DIRECT_TO_CREDITOR');
    expect((await fileRow(file.id)).collectedCents).toBe(12000n);
  });

  it.each([-100, 0, 12.5, '-5,00', '0,00', '12,345', 'douze euros'])(
    'refuses %s as an amount, naming the field, and writes nothing',
    async (amount) => {
      const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
      const error = await refusal(
        recordPayment({
          actor: agent,
          fileId: file.id,
          amount,
          method: 'TRANSFER',
          receivedOn: today,
          expectedVersion: 0,
        }),
      );
      expect(error.code).toBe('INVALID');
      expect(error.fields).toEqual({ amount: M.amount });
      expect(await paymentCount(file.id)).toBe(0);
      expect(await versionOf(file.id)).toBe(0);
    },
  );

  it('refuses a day received in the future, or before the file was placed', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
    const pay = (receivedOn: string) =>
      recordPayment({ actor: agent, fileId: file.id, amount: 1000, method: 'CARD', receivedOn, expectedVersion: 0 });
    const future = await refusal(pay(addDays(today, 1)));
    expect(future).toMatchObject({ code: 'INVALID', fields: { receivedOn: M.receivedInFuture } });
    const early = await refusal(pay('2025-08-31'));
    expect(early).toMatchObject({ code: 'INVALID', fields: { receivedOn: M.receivedBeforePlacement } });
    expect(await paymentCount(file.id)).toBe(0);
    // The day of placement itself is fine.
    await expect(pay('2025-09-01')).resolves.toMatchObject({ amountCents: 1000 });
  });

  it('refuses a designation of a claim that is not on the file', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
    const error = await refusal(
      recordPayment({
        actor: agent,
        fileId: file.id,
        amount: 1000,
        method: 'CARD',
        receivedOn: today,
        claimOrder: [randomUUID()],
        expectedVersion: 0,
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID', fields: { claimOrder: M.claimOrder } });
  });

  it('records exactly one of two payments made at once on the same version; the other is a CONFLICT', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
    const pay = (amount: number) =>
      recordPayment({
        actor: agent,
        fileId: file.id,
        amount,
        method: 'TRANSFER',
        receivedOn: today,
        expectedVersion: 0,
      });
    const outcomes = await Promise.allSettled([pay(1000), pay(2000)]);
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    // The refusal names the file and who changed it last, as every file use-case does.
    expect(rejected[0]!.reason).toMatchObject({ code: 'CONFLICT' });
    expect(toErrorBody(rejected[0]!.reason).body.error.message).toMatch(
      /^File D\d+ was changed since you opened it \(version 1, you had 0\): last change by /,
    );
    expect(await paymentCount(file.id)).toBe(1);
    expect(await versionOf(file.id)).toBe(1);
    // Reloading gives the new version, which is accepted.
    await expect(
      recordPayment({
        actor: agent,
        fileId: file.id,
        amount: 500,
        method: 'TRANSFER',
        receivedOn: today,
        expectedVersion: 1,
      }),
    ).resolves.toMatchObject({ fileVersion: 2 });
  });

  it('marks a pending promise kept once the money received since covers it', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 90000 }], { status: 'PROMISE' });
    const promise = await owner.paymentPromise.create({
      data: {
        tenantId: tenantA,
        fileId: file.id,
        amountCents: 20000n,
        dueOn: new Date(`${addDays(today, 7)}T00:00:00Z`),
        createdAt: new Date(Date.now() - 3_600_000),
      },
    });
    const pay = (amount: number, expectedVersion: number) =>
      recordPayment({ actor: agent, fileId: file.id, amount, method: 'CARD', receivedOn: today, expectedVersion });
    await pay(15000, 0);
    expect((await owner.paymentPromise.findFirstOrThrow({ where: { tenantId: tenantA, id: promise.id } })).status).toBe(
      'PENDING',
    );
    expect((await fileRow(file.id)).status).toBe('PROMISE');
    await pay(5000, 1);
    const kept = await owner.paymentPromise.findFirstOrThrow({ where: { tenantId: tenantA, id: promise.id } });
    expect(kept.status).toBe('KEPT');
    expect(kept.resolvedAt).toBeInstanceOf(Date);
    // The promise kept and nothing else pending: the file is back with its agent for the rest.
    expect((await fileRow(file.id)).status).toBe('IN_PROGRESS');
  });
});

describe('reversing a payment', () => {
  it('restores the totals, reopens a file closed as PAID, and cannot be done twice', async () => {
    const file = await makeFile([
      { dueOn: '2025-05-10', principalCents: 30000 },
      { dueOn: '2025-06-10', principalCents: 20000 },
    ]);
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: 60000,
      method: 'CHEQUE',
      receivedOn: today,
      expectedVersion: 0,
    });
    expect((await fileRow(file.id)).status).toBe('PAID');

    // Reversing is a manager's decision; an agent is told the action does not exist.
    const byAgent = await refusal(reversePayment({ actor: agent, paymentId: paid.paymentId, reason: 'Chèque impayé' }));
    expect(byAgent.code).toBe('NOT_FOUND');

    const reversed = await reversePayment({ actor: manager, paymentId: paid.paymentId, reason: 'Chèque impayé' });
    expect(reversed).toMatchObject({ reversedId: paid.paymentId, remainingCents: 50000, status: 'IN_PROGRESS' });
    expect(reversed.lines).toEqual([
      { claimId: file.claimIds[0], part: 'PRINCIPAL', cents: -30000 },
      { claimId: file.claimIds[1], part: 'PRINCIPAL', cents: -20000 },
      { claimId: null, part: 'CREDIT', cents: -10000 },
    ]);
    const entry = await owner.payment.findFirstOrThrow({ where: { tenantId: tenantA, id: reversed.reversalId } });
    expect(entry).toMatchObject({
      amountCents: -60000n,
      reversesId: paid.paymentId,
      method: 'CHEQUE',
      note: 'Chèque impayé',
      receivedOn: new Date(`${today}T00:00:00Z`),
    });
    expect(await allocationsOf(reversed.reversalId)).toEqual(sorted(reversed.lines));
    const row = await fileRow(file.id);
    expect(row).toMatchObject({ status: 'IN_PROGRESS', phase: 'AMICABLE', collectedCents: 0n, creditCents: 0n });
    expect(row.closedAt).toBeNull();
    // The original payment is untouched: history is append-only.
    expect(await owner.payment.findFirstOrThrow({ where: { tenantId: tenantA, id: paid.paymentId } })).toMatchObject({
      amountCents: 60000n,
    });
    const [activity] = await activitiesOf(file.id, 'payment.reversed');
    expect(fr(activity!)).toContain(`quittance ${paid.receiptNumber}`);
    expect(fr(activity!)).toContain('Chèque impayé');
    expect(fr(activity!)).toContain('dossier rouvert');

    const again = await refusal(reversePayment({ actor: manager, paymentId: paid.paymentId, reason: 'Encore' }));
    expect(again).toMatchObject({ code: 'CONFLICT', ref: { key: M.alreadyReversed } });
    const ofReversal = await refusal(reversePayment({ actor: manager, paymentId: reversed.reversalId, reason: 'Non' }));
    expect(ofReversal).toMatchObject({ code: 'INVALID', fields: { paymentId: M.notReversible } });
    expect(await paymentCount(file.id)).toBe(2);

    const page = await filePayments(manager, file.id);
    expect(page.payments.find((p) => p.id === paid.paymentId)!.reversedBy).toEqual({
      id: reversed.reversalId,
      receiptNumber: reversed.receiptNumber,
    });
  });

  it('lets two managers reversing at once produce one reversal', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: 10000,
      method: 'TRANSFER',
      receivedOn: today,
      expectedVersion: 0,
    });
    const admin = await actorFor(owner, tenantA, 'ADMIN');
    const outcomes = await Promise.allSettled([
      reversePayment({ actor: manager, paymentId: paid.paymentId, reason: 'Virement rappelé' }),
      reversePayment({ actor: admin, paymentId: paid.paymentId, reason: 'Virement rappelé' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected!.reason).toMatchObject({ code: 'CONFLICT' });
    expect((await fileRow(file.id)).collectedCents).toBe(0n);
  });
});

describe('payment plans', () => {
  const terms = (over: Record<string, unknown> = {}) => ({
    downPaymentCents: '100,00',
    instalmentCount: '3',
    firstDueOn: addDays(today, 10),
    frequency: 'MONTHLY',
    ...over,
  });

  it('previews, then saves, the schedule against the balance and moves the file to PAYMENT_PLAN', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 100000 }]);
    const preview = await previewPlan({ actor: agent, fileId: file.id, ...terms() });
    // 100000 − 10000 down = 90000 in three.
    expect(preview.balanceCents).toBe(100000);
    expect(preview.schedule.map((i) => [i.seq, i.amountCents])).toEqual([
      [0, 10000],
      [1, 30000],
      [2, 30000],
      [3, 30000],
    ]);
    expect(preview.schedule[0]!.dueOn).toBe(today);
    expect(await owner.paymentPlan.count({ where: { tenantId: tenantA, fileId: file.id } })).toBe(0);

    const created = await createPlan({
      actor: agent,
      fileId: file.id,
      ...terms(),
      expectedVersion: preview.fileVersion,
    });
    expect(created).toMatchObject({ totalCents: 100000, status: 'PAYMENT_PLAN', fileVersion: 1 });
    expect(created.schedule).toEqual(preview.schedule);
    const plan = await owner.paymentPlan.findFirstOrThrow({
      where: { tenantId: tenantA, id: created.planId },
      include: { instalments: { orderBy: { seq: 'asc' } } },
    });
    expect(plan).toMatchObject({ status: 'ACTIVE', totalCents: 100000n, downPaymentCents: 10000n, graceDays: 10 });
    expect(plan.instalments.map((i) => [i.seq, Number(i.amountCents), i.status])).toEqual([
      [0, 10000, 'DUE'],
      [1, 30000, 'DUE'],
      [2, 30000, 'DUE'],
      [3, 30000, 'DUE'],
    ]);
    expect(await fileRow(file.id)).toMatchObject({ status: 'PAYMENT_PLAN', version: 1 });
    const [activity] = await activitiesOf(file.id, 'plan.created');
    expect(plain(fr(activity!))).toContain('3 échéances (mensuelle) de 300,00 €');

    const second = await refusal(createPlan({ actor: agent, fileId: file.id, ...terms(), expectedVersion: 1 }));
    expect(second).toMatchObject({ code: 'CONFLICT', ref: { key: M.planActive } });
    const stale = await refusal(createPlan({ actor: agent, fileId: file.id, ...terms(), expectedVersion: 0 }));
    expect(stale).toMatchObject({ code: 'CONFLICT' });
    expect(toErrorBody(stale).body.error.message).toMatch(
      /^File D\d+ was changed since you opened it \(version 1, you had 0\): last change by .*“/,
    );
  });

  it('refuses a plan that does not cover the balance, or that starts in the past', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 100000 }]);
    // €10 a month on €900 left would take 90 instalments: more than 60.
    const short = await refusal(
      createPlan({
        actor: agent,
        fileId: file.id,
        ...terms({ instalmentCount: undefined, instalmentCents: '10,00' }),
        expectedVersion: 0,
      }),
    );
    expect(short).toMatchObject({ code: 'INVALID', fields: { instalmentCents: M.notCovered } });
    const past = await refusal(
      createPlan({ actor: agent, fileId: file.id, ...terms({ firstDueOn: addDays(today, -1) }), expectedVersion: 0 }),
    );
    expect(past).toMatchObject({ code: 'INVALID', fields: { firstDueOn: M.pastDate } });
    const both = await refusal(previewPlan({ actor: agent, fileId: file.id, ...terms({ instalmentCents: 5000 }) }));
    expect(both.fields).toMatchObject({ instalmentCount: M.instalmentChoice });
    expect(await owner.paymentPlan.count({ where: { tenantId: tenantA, fileId: file.id } })).toBe(0);
    expect(await versionOf(file.id)).toBe(0);
  });

  it('settles instalments from payments, completes the plan when paid, and a reversal reopens both', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 100000 }]);
    const { planId } = await createPlan({ actor: agent, fileId: file.id, ...terms(), expectedVersion: 0 });
    const instalments = async () =>
      (await owner.planInstalment.findMany({ where: { tenantId: tenantA, planId }, orderBy: { seq: 'asc' } })).map(
        (i) => [Number(i.paidCents), i.status],
      );
    const pay = (amount: number, expectedVersion: number) =>
      recordPayment({ actor: agent, fileId: file.id, amount, method: 'TRANSFER', receivedOn: today, expectedVersion });

    await pay(25000, 1);
    expect(await instalments()).toEqual([
      [10000, 'PAID'],
      [15000, 'DUE'],
      [0, 'DUE'],
      [0, 'DUE'],
    ]);
    expect((await fileRow(file.id)).status).toBe('PAYMENT_PLAN');

    const last = await pay(75000, 2);
    expect(last.status).toBe('PAID');
    expect(await instalments()).toEqual([
      [10000, 'PAID'],
      [30000, 'PAID'],
      [30000, 'PAID'],
      [30000, 'PAID'],
    ]);
    expect(await owner.paymentPlan.findFirstOrThrow({ where: { tenantId: tenantA, id: planId } })).toMatchObject({
      status: 'COMPLETED',
    });
    expect((await activitiesOf(file.id, 'plan.completed')).length).toBe(1);

    // The last transfer is recalled: the plan is active again with what it had before, and so is the file.
    const reversed = await reversePayment({ actor: manager, paymentId: last.paymentId, reason: 'Virement rappelé' });
    expect(reversed).toMatchObject({ status: 'PAYMENT_PLAN', remainingCents: 75000 });
    expect(await instalments()).toEqual([
      [10000, 'PAID'],
      [15000, 'DUE'],
      [0, 'DUE'],
      [0, 'DUE'],
    ]);
    const plan = await owner.paymentPlan.findFirstOrThrow({ where: { tenantId: tenantA, id: planId } });
    expect(plan).toMatchObject({ status: 'ACTIVE', endedAt: null });
    expect(await fileRow(file.id)).toMatchObject({ status: 'PAYMENT_PLAN', phase: 'AMICABLE', closedAt: null });
  });

  it('breaks a plan whose instalment is missed past the grace period and puts the file back in the queue', async () => {
    const missedFile = await makeFile([{ dueOn: '2025-05-10', principalCents: 100000 }]);
    const lateFile = await makeFile([{ dueOn: '2025-05-10', principalCents: 100000 }]);
    const missed = await createPlan({ actor: agent, fileId: missedFile.id, ...terms(), expectedVersion: 0 });
    const late = await createPlan({ actor: agent, fileId: lateFile.id, ...terms(), expectedVersion: 0 });
    // Time passes: the first instalment fell due 15 days ago (grace 10 → missed) on one plan, 3 days ago on the other.
    const moveFirst = (planId: string, days: number) =>
      owner.planInstalment.update({
        where: { tenantId_planId_seq: { tenantId: tenantA, planId, seq: 1 } },
        data: { dueOn: new Date(`${addDays(today, -days)}T00:00:00Z`) },
      });
    await moveFirst(missed.planId, 15);
    await moveFirst(late.planId, 3);

    const report = await checkPlans({ tenantId: tenantA });
    expect(report).toMatchObject({ tenants: 1, plansChecked: 2, plansBroken: 1, instalmentsOverdue: 2 });

    const broken = await owner.paymentPlan.findFirstOrThrow({
      where: { tenantId: tenantA, id: missed.planId },
      include: { instalments: { orderBy: { seq: 'asc' } } },
    });
    expect(broken.status).toBe('BROKEN');
    expect(broken.endedAt).toBeInstanceOf(Date);
    expect(broken.instalments.map((i) => i.status)).toEqual(['DUE', 'MISSED', 'DUE', 'DUE']);
    const file = await fileRow(missedFile.id);
    expect(file).toMatchObject({ status: 'IN_PROGRESS', phase: 'AMICABLE', version: 2 });
    expect(file.attentionOn).toBeInstanceOf(Date);
    expect(JSON.stringify(file.priorityReasons)).toContain('INSTALMENT_MISSED');
    const [activity] = await activitiesOf(missedFile.id, 'plan.broken');
    expect(fr(activity!)).toContain('Échéancier rompu');
    expect(activity!.actorId).toBeNull();
    expect(
      await owner.auditLog.count({ where: { tenantId: tenantA, action: 'plan.broken', entityId: missed.planId } }),
    ).toBe(1);

    const stillActive = await owner.paymentPlan.findFirstOrThrow({
      where: { tenantId: tenantA, id: late.planId },
      include: { instalments: { orderBy: { seq: 'asc' } } },
    });
    expect(stillActive.status).toBe('ACTIVE');
    expect(stillActive.instalments.map((i) => i.status)).toEqual(['DUE', 'LATE', 'DUE', 'DUE']);
    expect((await fileRow(lateFile.id)).status).toBe('PAYMENT_PLAN');
    expect((await activitiesOf(lateFile.id, 'plan.instalment_late')).length).toBe(1);

    // A second run (a retried job) finds nothing new to do.
    const rerun = await checkPlans({ tenantId: tenantA });
    expect(rerun).toMatchObject({ plansBroken: 0, instalmentsOverdue: 0 });
    expect((await activitiesOf(missedFile.id, 'plan.broken')).length).toBe(1);
  });

  it('cancels the active plan and hands the file back to its agent', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 100000 }]);
    const { planId } = await createPlan({ actor: agent, fileId: file.id, ...terms(), expectedVersion: 0 });
    const result = await cancelPlan({ actor: agent, fileId: file.id, expectedVersion: 1, reason: 'Renégociation' });
    expect(result).toMatchObject({ planId, status: 'IN_PROGRESS', fileVersion: 2 });
    expect((await owner.paymentPlan.findFirstOrThrow({ where: { tenantId: tenantA, id: planId } })).status).toBe(
      'CANCELLED',
    );
    const none = await refusal(cancelPlan({ actor: agent, fileId: file.id, expectedVersion: 2, reason: 'Encore' }));
    expect(none).toMatchObject({ code: 'CONFLICT', ref: { key: M.noActivePlan } });
  });

  it('registers the daily plan check as a job scheduler on the plans queue', async () => {
    const prefix = queuePrefix(`it-plans-${randomUUID()}`);
    const producer = createProducer({ connection: requestConnection(), prefix, ownsConnection: true });
    try {
      await schedulePlanChecks(producer);
      await schedulePlanChecks(producer);
      const schedulers = await producer.queue(QueueName.PLANS).getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: PLAN_CHECK.schedulerId, name: 'check', pattern: PLAN_CHECK.pattern });
    } finally {
      await producer.queue(QueueName.PLANS).obliterate({ force: true });
      await producer.close();
    }
  });
});

describe('who may do what', () => {
  it("answers NOT_FOUND for another agency's file or payment", async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: 1000,
      method: 'CARD',
      receivedOn: today,
      expectedVersion: 0,
    });
    // Thunks: each attempt starts only when awaited, so none rejects unobserved.
    const attempts = [
      () =>
        recordPayment({
          actor: agentB,
          fileId: file.id,
          amount: 1000,
          method: 'CARD',
          receivedOn: today,
          expectedVersion: 1,
        }),
      () => reversePayment({ actor: managerB, paymentId: paid.paymentId, reason: 'Intrusion' }),
      () =>
        previewPlan({ actor: agentB, fileId: file.id, instalmentCount: 2, firstDueOn: today, frequency: 'MONTHLY' }),
      () =>
        createPlan({
          actor: agentB,
          fileId: file.id,
          instalmentCount: 2,
          firstDueOn: today,
          frequency: 'MONTHLY',
          expectedVersion: 1,
        }),
      () => cancelPlan({ actor: agentB, fileId: file.id, expectedVersion: 1, reason: 'Intrusion' }),
      () => filePayments(agentB, file.id),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe('NOT_FOUND');
    expect(await paymentCount(file.id)).toBe(1);
    expect(await versionOf(file.id)).toBe(1);
  });

  it("lets a creditor's user read its file's payments but not record one or set up a plan", async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 30000 }]);
    const record = await refusal(
      recordPayment({
        actor: creditorUser,
        fileId: file.id,
        amount: 1000,
        method: 'DIRECT_TO_CREDITOR',
        receivedOn: today,
        expectedVersion: 0,
      }),
    );
    expect(record.code).toBe('NOT_FOUND');
    const plan = await refusal(
      createPlan({
        actor: creditorUser,
        fileId: file.id,
        instalmentCount: 2,
        firstDueOn: addDays(today, 5),
        frequency: 'MONTHLY',
        expectedVersion: 0,
      }),
    );
    expect(plan.code).toBe('NOT_FOUND');
    expect(await paymentCount(file.id)).toBe(0);
    await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: 1000,
      method: 'CARD',
      receivedOn: today,
      expectedVersion: 0,
    });
    const page = await filePayments(creditorUser, file.id);
    expect(page.payments.map((p) => p.amountCents)).toEqual([1000]);
  });
});
