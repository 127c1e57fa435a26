import type { PaymentMethod } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { daysBetween, dayOf } from '../dates/days';
import { computeCommission, type Commission } from './commission';
import { commissionTermsOf } from './commission-terms';
import { commissionEntry, directPaymentEntry, paymentEntry, refundToRecoverEntry } from './ledger-entries';
import type { Account } from './ledger-chart';
import { postEntry, reversePaymentEntries } from './post-entry';
import { bankCreditOf, creditWaitsAgain } from './post-receipt';

/** Letters that are billable per the mandate's fee per letter: those sent to the debtor. */
const LETTER_KINDS = ['REMINDER_LETTER', 'REGISTERED_LETTER', 'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING'] as const;

export interface PaymentToPost {
  tenantId: string;
  paymentId: string;
  fileId: string;
  amountCents: bigint;
  /** The part held as the debtor's credit (not imputed to the claims). */
  creditCents: bigint;
  method: PaymentMethod;
  receivedOn: string;
  currency: string;
  postedBy: string | null;
  postedAt?: Date;
  /** Where the money is taken from: the funds account, or the unmatched receipts a bank credit was held in. */
  from?: Account;
}

/**
 * The ledger side of a payment, in the transaction that records it: the money in (or paid straight to the
 * creditor), then the commission on what it imputed to the claims, recorded with the terms it came from.
 */
export async function postPayment(tx: Tx, p: PaymentToPost): Promise<Commission> {
  const file = await tx.caseFile.findFirstOrThrow({
    where: { tenantId: p.tenantId, id: p.fileId },
    select: { id: true, creditorId: true, mandateId: true, phase: true, placedAt: true, oldestDueOn: true },
  });
  const party = { creditorId: file.creditorId, fileId: file.id };
  const context = {
    tenantId: p.tenantId,
    effectiveOn: p.receivedOn,
    currency: p.currency,
    creditorId: file.creditorId,
    fileId: file.id,
    paymentId: p.paymentId,
    postedBy: p.postedBy,
    postedAt: p.postedAt,
  };
  const direct = p.method === 'DIRECT_TO_CREDITOR';
  await postEntry(
    tx,
    context,
    direct
      ? directPaymentEntry(party, { amountCents: p.amountCents })
      : paymentEntry(party, {
          amountCents: p.amountCents,
          creditCents: p.creditCents,
          ...(p.from ? { from: p.from } : {}),
        }),
  );

  const mandate = await tx.mandate.findFirstOrThrow({
    where: { tenantId: p.tenantId, id: file.mandateId },
    select: { commissionAmicableBps: true, commissionJudicialBps: true, fixedFeeCents: true, commissionRules: true },
  });
  const terms = commissionTermsOf(mandate);
  const [sofar] = await tx.$queryRaw<{ base: bigint; charged: bigint; letters: bigint }[]>`
    SELECT coalesce(sum(base_cents), 0)::bigint AS base, coalesce(sum(commission_cents), 0)::bigint AS charged,
           coalesce(sum(letters_charged), 0)::bigint AS letters
      FROM payment_commission WHERE tenant_id = ${p.tenantId}::uuid AND file_id = ${file.id}::uuid`;
  const letters = await tx.document.count({
    where: { tenantId: p.tenantId, fileId: file.id, kind: { in: [...LETTER_KINDS] }, sentOn: { not: null } },
  });
  const placedOn = dayOf(file.placedAt);
  const commission = computeCommission({
    terms,
    phase: file.phase === 'JUDICIAL' ? 'JUDICIAL' : 'AMICABLE',
    direct,
    imputedCents: p.amountCents - p.creditCents,
    collectedBeforeCents: sofar!.base,
    chargedBeforeCents: sofar!.charged,
    ageAtPlacementDays: file.oldestDueOn ? Math.max(0, daysBetween(dayOf(file.oldestDueOn), placedOn)) : 0,
    lettersUncharged: Math.max(0, letters - Number(sofar!.letters)),
  });
  await tx.paymentCommission.create({
    data: {
      tenantId: p.tenantId,
      paymentId: p.paymentId,
      fileId: file.id,
      creditorId: file.creditorId,
      mandateId: file.mandateId,
      phase: file.phase,
      baseCents: commission.baseCents,
      rateBps: commission.rateBps,
      commissionCents: commission.commissionCents,
      feeCents: commission.feeCents,
      lettersCharged: commission.lettersCharged,
      vatRateBps: commission.vatRateBps,
      vatCents: commission.vatCents,
      terms: JSON.parse(JSON.stringify(terms)),
    },
  });
  if (commission.commissionCents > 0n) {
    await postEntry(tx, context, commissionEntry(party, commission));
  }
  return commission;
}

/**
 * The ledger side of a reversal: the mirror of the payment's entries and of its commission, recorded against
 * the reversal payment. A payment recorded from a bank credit gives its money back to the unmatched receipts (it is
 * still in the account) and the credit waits for an agent again; when the bank itself took it back, the return's
 * own entry then takes it out of the account (lib/reconciliation/returns.ts).
 */
export async function postPaymentReversal(
  tx: Tx,
  r: {
    tenantId: string;
    reversalId: string;
    originalId: string;
    receivedOn: string;
    currency: string;
    postedBy: string | null;
  },
): Promise<{ commissionCents: bigint; vatCents: bigint; refundToRecoverCents: bigint }> {
  const original = await tx.paymentCommission.findFirst({
    where: { tenantId: r.tenantId, paymentId: r.originalId },
  });
  const entries = await tx.journalEntry.findFirst({
    where: { tenantId: r.tenantId, paymentId: r.originalId },
    select: { creditorId: true, fileId: true },
  });
  const bankEntryId = await bankCreditOf(tx, r.tenantId, r.originalId);
  await reversePaymentEntries(
    tx,
    {
      tenantId: r.tenantId,
      effectiveOn: r.receivedOn,
      currency: r.currency,
      creditorId: entries?.creditorId ?? null,
      fileId: entries?.fileId ?? null,
      paymentId: r.reversalId,
      postedBy: r.postedBy,
    },
    r.originalId,
    bankEntryId ? { backTo: 'UNMATCHED_RECEIPTS' } : {},
  );
  if (bankEntryId) await creditWaitsAgain(tx, r.tenantId, bankEntryId, r.postedBy);
  const refundToRecoverCents = entries?.fileId
    ? await recoverRefundedCredit(tx, {
        tenantId: r.tenantId,
        effectiveOn: r.receivedOn,
        currency: r.currency,
        creditorId: entries.creditorId,
        fileId: entries.fileId,
        paymentId: r.reversalId,
        postedBy: r.postedBy,
      })
    : 0n;
  if (!original) return { commissionCents: 0n, vatCents: 0n, refundToRecoverCents };
  await tx.paymentCommission.create({
    data: {
      tenantId: r.tenantId,
      paymentId: r.reversalId,
      fileId: original.fileId,
      creditorId: original.creditorId,
      mandateId: original.mandateId,
      phase: original.phase,
      baseCents: -original.baseCents,
      rateBps: original.rateBps,
      commissionCents: -original.commissionCents,
      feeCents: -original.feeCents,
      lettersCharged: -original.lettersCharged,
      vatRateBps: original.vatRateBps,
      vatCents: -original.vatCents,
      terms: original.terms ?? {},
    },
  });
  return { commissionCents: -original.commissionCents, vatCents: -original.vatCents, refundToRecoverCents };
}

/**
 * After a reversal's mirror entries: when the file's credit held went below nothing, the reversal took back credit a
 * refund had already paid out. That part is owed back by the debtor (REFUND_TO_RECOVER), and the credit held stays
 * at nothing, as the file's own figure must (case_file.credit_cents >= 0). Returns what is owed back.
 */
async function recoverRefundedCredit(
  tx: Tx,
  context: Parameters<typeof postEntry>[1] & { creditorId: string | null; fileId: string },
): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ signed: bigint }[]>`
    SELECT coalesce(sum(amount_cents), 0)::bigint AS signed FROM journal_line
     WHERE tenant_id = ${context.tenantId}::uuid AND file_id = ${context.fileId}::uuid
       AND account = 'DEBTOR_CREDIT_HELD'`;
  // The liability's balance reads negative-signed; a positive sum is a credit below nothing.
  const below = BigInt(row!.signed);
  if (below <= 0n || !context.creditorId) return 0n;
  await postEntry(
    tx,
    context,
    refundToRecoverEntry({ creditorId: context.creditorId, fileId: context.fileId }, { amountCents: below }),
  );
  return below;
}
