import type { Tx } from '../db/tenant';
import type { Account } from './ledger-chart';
import { reversalEntry, type EntryDraft, type LedgerLine } from './ledger-entries';

/** The accounts a payment's money comes from (lib/accounting/ledger-entries.ts, paymentEntry's `from`). */
const SOURCES = new Set<string>(['CREDITOR_FUNDS_BANK', 'UNMATCHED_RECEIPTS'] satisfies Account[]);

/** What an entry points at: the event it records. remittanceId and invoiceId wait for those tables. */
export interface EntryContext {
  tenantId: string;
  effectiveOn: string;
  currency?: string;
  creditorId?: string | null;
  fileId?: string | null;
  paymentId?: string | null;
  reversesId?: string | null;
  remittanceId?: string | null;
  invoiceId?: string | null;
  /** The bank credit an unmatched receipt, or its return, records. */
  bankEntryId?: string | null;
  postedBy?: string | null;
  postedAt?: Date;
}

/**
 * Writes one journal entry and its lines in the caller's transaction, the one that records the event. The
 * database refuses it at COMMIT if it does not balance, and refuses any later change.
 */
export async function postEntry(tx: Tx, context: EntryContext, draft: EntryDraft): Promise<string> {
  const entry = await tx.journalEntry.create({
    data: {
      tenantId: context.tenantId,
      kind: draft.kind,
      effectiveOn: new Date(`${context.effectiveOn}T00:00:00Z`),
      currency: context.currency ?? 'EUR',
      creditorId: context.creditorId ?? null,
      fileId: context.fileId ?? null,
      paymentId: context.paymentId ?? null,
      reversesId: context.reversesId ?? null,
      remittanceId: context.remittanceId ?? null,
      invoiceId: context.invoiceId ?? null,
      bankEntryId: context.bankEntryId ?? null,
      postedBy: context.postedBy ?? null,
      ...(context.postedAt ? { postedAt: context.postedAt } : {}),
    },
    select: { id: true },
  });
  await tx.journalLine.createMany({
    data: draft.lines.map((line, lineNo) => ({
      tenantId: context.tenantId,
      entryId: entry.id,
      lineNo,
      account: line.account,
      creditorId: line.creditorId,
      fileId: line.fileId,
      amountCents: line.amountCents,
    })),
  });
  return entry.id;
}

/**
 * Posts the mirror of every entry recorded for `paymentId` (the payment and its commission) against the
 * reversal payment: a payment reversed takes its commission back with it. `backTo` names where the money goes back
 * to when it is not the account it came from: a bank credit's money is still in the account, nobody's again
 * (UNMATCHED_RECEIPTS), whichever account the payment took it from.
 */
export async function reversePaymentEntries(
  tx: Tx,
  context: EntryContext & { paymentId: string },
  originalPaymentId: string,
  { backTo }: { backTo?: Account } = {},
): Promise<string[]> {
  const originals = await tx.journalEntry.findMany({
    where: { tenantId: context.tenantId, paymentId: originalPaymentId },
    include: { lines: { orderBy: { lineNo: 'asc' } } },
    orderBy: { seq: 'asc' },
  });
  const ids: string[] = [];
  for (const original of originals) {
    const kind = original.kind === 'COMMISSION' ? 'COMMISSION_REVERSAL' : 'PAYMENT_REVERSAL';
    const lines: LedgerLine[] = original.lines.map((l) => ({
      account: backTo && original.kind === 'PAYMENT' && SOURCES.has(l.account) ? backTo : (l.account as Account),
      creditorId: l.creditorId,
      fileId: l.fileId,
      amountCents: l.amountCents,
    }));
    ids.push(await postEntry(tx, { ...context, reversesId: original.id }, reversalEntry(kind, lines)));
  }
  return ids;
}
