import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '../../lib/dates/days';
import type { ClaimNature, DebtorKind } from '../../lib/db/generated/enums';
import { seedAgency } from '../../lib/demo/seed-agency';
import { AppError } from '../../lib/errors/app-error';
import { renderPlanLetter } from '../../lib/letters/plan-letter';
import { renderReceipt } from '../../lib/letters/receipt';
import { createPlan } from '../../lib/payments/create-plan';
import { fileAmounts } from '../../lib/payments/file-amounts';
import { splitAddress } from '../../lib/letters/postal-address';
import { NO_FUNDS_ACCOUNT } from '../../lib/letters/funds-account';
import { planLetterData } from '../../lib/payments/plan-letter-data';
import { receiptData } from '../../lib/payments/receipt-data';
import { recordPayment } from '../../lib/payments/record-payment';
import { addDays } from '../../lib/dates/days';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { fileWithClaims, newDebtor } from './support/file-with-claims';
import { ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
const IBAN = 'FR7630006000011234567890189';
const today = dayIn('Europe/Paris');
let tenantA: string;
let tenantB: string;
let agent: Actor;
let creditorUser: Actor;
let otherCreditorUser: Actor;
let agentB: Actor;

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A file of agency A with its own debtor (kind and postal address known), placed on 1 September 2025. */
async function makeFile(
  claims: { dueOn: string; principalCents: number }[],
  { nature, kind, creditorId }: { nature: ClaimNature; kind: DebtorKind; creditorId: string },
) {
  const debtor = await newDebtor(owner, tenantA, { kind });
  await owner.contactPoint.createMany({
    data: [
      // A returned address is never printed, even when it is the newest.
      {
        tenantId: tenantA,
        debtorId: debtor.id,
        kind: 'ADDRESS',
        line1: '8 place des Terreaux',
        postcode: '69001',
        city: 'Lyon',
        status: 'VALID',
      },
      {
        tenantId: tenantA,
        debtorId: debtor.id,
        kind: 'ADDRESS',
        line1: '1 rue Perdue',
        postcode: '75001',
        city: 'Paris',
        status: 'RETURNED_MAIL',
        createdAt: new Date(Date.now() + 1000),
      },
    ],
  });
  const file = await fileWithClaims(owner, {
    tenantId: tenantA,
    creditorId,
    claims,
    nature,
    debtorId: debtor.id,
    prefix: 'DOC',
  });
  return { ...file, debtorName: debtor.name };
}

beforeAll(async () => {
  const seed = { seed: 17, files: 4, password: 'x-password-1' };
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: uniqueSlug('doc-a'), name: 'Documents A' }));
  ({ tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('doc-b'), name: 'Documents B' }));
  await owner.agency.update({ where: { id: tenantA }, data: { creditorFundsIban: IBAN } });
  [agent, creditorUser, agentB] = await Promise.all([
    actorFor(owner, tenantA, 'AGENT'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'AGENT'),
  ]);
  // A user of another creditor of the same agency.
  const other = await owner.creditor.findFirstOrThrow({
    where: { tenantId: tenantA, id: { not: creditorUser.creditorId! } },
  });
  otherCreditorUser = { ...creditorUser, creditorId: other.id };
});
afterAll(() => owner.$disconnect());

// B2B, as in payments.test.ts: on 31 October 2025 B1 (€1,000 due 31 July) owes 3062 interest + 4000
// indemnity + 100000; B2 (€500 due 31 August) 1015 + 4000 + 50000. €1,100 received that day goes to B1
// in full (107062), then B2's interest (1015) and 1923 of its indemnity.
const B2B_CLAIMS = [
  { dueOn: '2025-07-31', principalCents: 100000 },
  { dueOn: '2025-08-31', principalCents: 50000 },
];

describe('receipt data', () => {
  it('repeats the imputation and the balance of the day, addressed to the debtor, and renders a PDF', async () => {
    const file = await makeFile(B2B_CLAIMS, { nature: 'B2B', kind: 'COMPANY', creditorId: creditorUser.creditorId! });
    const first = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '1 100,00',
      method: 'CHEQUE',
      receivedOn: '2025-10-31',
      reference: 'CHQ 0012345',
      expectedVersion: 0,
    });
    // A later payment must not change what the first receipt says was left.
    await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '100,00',
      method: 'TRANSFER',
      receivedOn: '2025-11-03',
      expectedVersion: 1,
    });

    const doc = await receiptData({ actor: agent, paymentId: first.paymentId, ip: '192.0.2.9' });
    expect(doc.fileName).toBe(`quittance-${first.receiptNumber}.pdf`);
    const [inv1, inv2] = await Promise.all(
      file.claimIds.map(async (id) => (await owner.claim.findFirstOrThrow({ where: { id } })).invoiceNumber),
    );
    expect(doc.data).toMatchObject({
      locale: 'fr',
      receiptNumber: first.receiptNumber,
      date: today,
      file: { reference: file.reference },
      currency: 'EUR',
      payment: { receivedOn: '2025-10-31', amountCents: 110000, method: 'CHEQUE', reference: 'CHQ 0012345' },
      balanceAfterCents: first.remainingCents,
      reversal: null,
      agency: { name: 'Documents A', iban: IBAN },
      debtor: {
        kind: 'COMPANY',
        name: file.debtorName,
        address: { lines: ['8 place des Terreaux'], postcode: '69001', city: 'Lyon' },
      },
    });
    expect(doc.data.allocations).toEqual([
      { invoiceNumber: inv1, part: 'INTEREST', amountCents: 3062 },
      { invoiceNumber: inv1, part: 'INDEMNITY', amountCents: 4000 },
      { invoiceNumber: inv1, part: 'PRINCIPAL', amountCents: 100000 },
      { invoiceNumber: inv2, part: 'INTEREST', amountCents: 1015 },
      { invoiceNumber: inv2, part: 'INDEMNITY', amountCents: 1923 },
    ]);
    expect(doc.data.signatory?.name).toBe(agent.name);
    const pdf = await renderReceipt(doc.data);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId: tenantA, action: 'payment.receipt_printed', entityId: first.paymentId },
    });
    expect(audit).toMatchObject({ actorId: agent.membershipId, ip: '192.0.2.9' });
  });

  it('addresses a sole trader owing a B2B claim as a business debtor, so the €40 indemnity prints', async () => {
    const file = await makeFile(B2B_CLAIMS.slice(0, 1), {
      nature: 'B2B',
      kind: 'PERSON',
      creditorId: creditorUser.creditorId!,
    });
    // 3062 interest, then the 4000 indemnity, then 2938 of principal.
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '100,00',
      method: 'TRANSFER',
      receivedOn: '2025-10-31',
      expectedVersion: 0,
    });
    const doc = await receiptData({ actor: agent, paymentId: paid.paymentId });
    expect(doc.data.debtor).toMatchObject({ kind: 'COMPANY', name: 'Jeanne Martin' });
    expect(doc.data.allocations.map((a) => [a.part, a.amountCents])).toEqual([
      ['INTEREST', 3062],
      ['INDEMNITY', 4000],
      ['PRINCIPAL', 2938],
    ]);
    expect((await renderReceipt(doc.data)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('is not found for another agency or another creditor, refuses a malformed id, needs the funds account', async () => {
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 20000 }], {
      nature: 'CONSUMER',
      kind: 'PERSON',
      creditorId: creditorUser.creditorId!,
    });
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '50',
      method: 'CARD',
      receivedOn: today,
      expectedVersion: 0,
    });
    expect((await receiptData({ actor: creditorUser, paymentId: paid.paymentId })).data.payment.amountCents).toBe(5000);
    expect(await refusal(receiptData({ actor: agentB, paymentId: paid.paymentId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(receiptData({ actor: otherCreditorUser, paymentId: paid.paymentId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(receiptData({ actor: agent, paymentId: 'Q00000001' }))).toMatchObject({ code: 'INVALID' });

    await owner.agency.update({ where: { id: tenantA }, data: { creditorFundsIban: null } });
    try {
      expect(await refusal(receiptData({ actor: agent, paymentId: paid.paymentId }))).toMatchObject({
        code: 'CONFLICT',
        ref: { key: NO_FUNDS_ACCOUNT },
      });
    } finally {
      await owner.agency.update({ where: { id: tenantA }, data: { creditorFundsIban: IBAN } });
    }
  });
});

describe('plan letter data', () => {
  it('prints the schedule saved and the claims as they stood that day', async () => {
    // Consumer claim, no formal notice yet: no interest runs, so the balance is the principal, €1,000.
    const file = await makeFile([{ dueOn: '2025-05-10', principalCents: 100000 }], {
      nature: 'CONSUMER',
      kind: 'PERSON',
      creditorId: creditorUser.creditorId!,
    });
    const created = await createPlan({
      actor: agent,
      fileId: file.id,
      downPaymentCents: '100,00',
      instalmentCount: '3',
      firstDueOn: addDays(today, 10),
      frequency: 'MONTHLY',
      expectedVersion: 0,
    });
    const doc = await planLetterData({ actor: agent, planId: created.planId });
    expect(doc.fileName).toBe(`echeancier-ECH-${file.reference}-1.pdf`);
    expect(doc.data).toMatchObject({
      reference: `ECH-${file.reference}-1`,
      date: today,
      debtor: { kind: 'PERSON', name: 'Jeanne Martin' },
      totals: { principalCents: 100000, interestCents: 0, indemnityCents: 0, paidCents: 0, dueCents: 100000 },
      interest: { kind: 'legal', asOf: today },
      plan: {
        agreedOn: today,
        totalCents: 100000,
        downPaymentCents: 10000,
        downPaymentDueOn: today,
        frequency: 'MONTHLY',
        graceDays: 10,
      },
    });
    // 100000 − 10000 down = 90000 in three.
    expect(doc.data.plan.instalments.map((i) => [i.seq, i.amountCents])).toEqual([
      [1, 30000],
      [2, 30000],
      [3, 30000],
    ]);
    expect(doc.data.plan.instalments[0]!.dueOn).toBe(addDays(today, 10));
    const pdf = await renderPlanLetter(doc.data);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    expect(await refusal(planLetterData({ actor: agentB, planId: created.planId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(planLetterData({ actor: otherCreditorUser, planId: created.planId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(planLetterData({ actor: agent, planId: 'ECH-1' }))).toMatchObject({ code: 'INVALID' });
  });
});

describe('file amounts', () => {
  it('adds up per claim: principal + interest + indemnity − paid = due, B2B indemnities included', async () => {
    const file = await makeFile(B2B_CLAIMS, { nature: 'B2B', kind: 'COMPANY', creditorId: creditorUser.creditorId! });
    await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '1 100,00',
      method: 'TRANSFER',
      receivedOn: '2025-10-31',
      expectedVersion: 0,
    });
    const amounts = await fileAmounts(agent, file.id);
    expect(amounts).toMatchObject({ nature: 'B2B', currency: 'EUR', asOf: today });
    expect(amounts.claims.map((c) => [c.claimId, c.principalCents, c.indemnityCents, c.paidCents])).toEqual([
      [file.claimIds[0], 100000, 4000, 107062],
      [file.claimIds[1], 50000, 4000, 2938],
    ]);
    for (const c of amounts.claims) {
      // Interest runs on after 31 October, so it is at least what was owed that day.
      expect(c.interestCents).toBeGreaterThanOrEqual(c === amounts.claims[0] ? 3062 : 1015);
      expect(c.dueCents).toBe(c.principalCents + c.interestCents + c.indemnityCents - c.paidCents);
    }
    expect(amounts.totals).toMatchObject({ principalCents: 150000, indemnityCents: 8000, collectedCents: 110000 });
    expect(amounts.totals.dueCents).toBe(amounts.claims.reduce((s, c) => s + c.dueCents, 0));

    expect(await refusal(fileAmounts(agentB, file.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(fileAmounts(otherCreditorUser, file.id))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('splitAddress', () => {
  it('reads the agency address written on one line', () => {
    expect(splitAddress('24 rue de la République, 69002 Lyon')).toEqual({
      lines: ['24 rue de la République'],
      postcode: '69002',
      city: 'Lyon',
    });
    expect(splitAddress('Tour Part-Dieu, 129 rue Servient, 69003 Lyon 3e')).toEqual({
      lines: ['Tour Part-Dieu', '129 rue Servient'],
      postcode: '69003',
      city: 'Lyon 3e',
    });
    expect(splitAddress('Somewhere abroad')).toEqual({ lines: ['Somewhere abroad'], postcode: '', city: '' });
  });
});
