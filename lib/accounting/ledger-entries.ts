import type { Account, JournalKind } from './ledger-chart';

// What each money event posts, as pure functions: one balanced entry per event. Amounts are signed cents, a
// debit positive and a credit negative, so an entry balances when its lines sum to zero (the database checks it
// again at commit). Every line names the creditor the money concerns.

export interface LedgerLine {
  account: Account;
  creditorId: string | null;
  fileId: string | null;
  amountCents: bigint;
}

export interface EntryDraft {
  kind: JournalKind;
  lines: LedgerLine[];
}

interface Party {
  creditorId: string;
  fileId?: string | null;
}

function draft(kind: JournalKind, party: Party | null, pairs: [Account, bigint][]): EntryDraft {
  const lines = pairs
    .filter(([, cents]) => cents !== 0n)
    .map(([account, amountCents]) => ({
      account,
      creditorId: party?.creditorId ?? null,
      fileId: party?.fileId ?? null,
      amountCents,
    }));
  if (lines.length < 2) throw new Error(`a ${kind} entry needs money on both sides`);
  if (sumOf(lines) !== 0n) throw new Error(`a ${kind} entry does not balance`);
  return { kind, lines };
}

const positive = (cents: bigint, what: string) => {
  if (cents <= 0n) throw new Error(`${what} must be positive`);
  return cents;
};

export const sumOf = (lines: readonly { amountCents: bigint }[]) => lines.reduce((s, l) => s + l.amountCents, 0n);

/**
 * Money received into the creditors' funds account (or taken from the unmatched receipts a bank credit was
 * held in): owed to the creditor for what paid the claims, held for the debtor for the rest.
 */
export function paymentEntry(
  party: Party,
  {
    amountCents,
    creditCents,
    from = 'CREDITOR_FUNDS_BANK',
  }: { amountCents: bigint; creditCents: bigint; from?: Account },
): EntryDraft {
  positive(amountCents, 'a payment');
  if (creditCents < 0n || creditCents > amountCents) throw new Error('a credit is part of the payment');
  return draft('PAYMENT', party, [
    [from, amountCents],
    ['CREDITOR_FUNDS_PAYABLE', creditCents - amountCents],
    ['DEBTOR_CREDIT_HELD', -creditCents],
  ]);
}

/** Money the debtor paid straight to the creditor: the agency holds none of it; the memo pair counts it. */
export function directPaymentEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a payment');
  return draft('DIRECT_PAYMENT', party, [
    ['DIRECT_COLLECTED', amountCents],
    ['DIRECT_COLLECTED_CONTRA', -amountCents],
  ]);
}

/**
 * The commission on a payment: earned, with its VAT, and owed by the creditor until it is taken from its
 * funds (net remittance) or paid on an invoice (gross remittance, or money paid straight to the creditor).
 */
export function commissionEntry(
  party: Party,
  { commissionCents, vatCents }: { commissionCents: bigint; vatCents: bigint },
): EntryDraft {
  positive(commissionCents, 'a commission');
  if (vatCents < 0n) throw new Error('VAT cannot be negative');
  return draft('COMMISSION', party, [
    ['COMMISSION_RECEIVABLE', commissionCents + vatCents],
    ['COMMISSION_EARNED', -commissionCents],
    ['VAT_COLLECTED', -vatCents],
  ]);
}

/** A correction: the mirror of an entry, line by line. The original stays as it was posted. */
export function reversalEntry(kind: JournalKind, original: readonly LedgerLine[]): EntryDraft {
  const lines = original.map((l) => ({ ...l, amountCents: -l.amountCents }));
  if (lines.length < 2 || sumOf(lines) !== 0n) throw new Error('only a balanced entry can be reversed');
  return { kind, lines };
}

/**
 * Commission taken from the creditor's funds: its debt to the agency is set off against the funds held, and the
 * money leaves the creditors' account for the agency's own.
 */
export function commissionSettlementEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a settlement');
  return draft('COMMISSION_SETTLEMENT', party, [
    ['CREDITOR_FUNDS_PAYABLE', amountCents],
    ['COMMISSION_RECEIVABLE', -amountCents],
    ['AGENCY_BANK', amountCents],
    ['CREDITOR_FUNDS_BANK', -amountCents],
  ]);
}

/** Funds paid out to the creditor (CPCE R124-6). */
export function remittanceEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a remittance');
  return draft('REMITTANCE', party, [
    ['CREDITOR_FUNDS_PAYABLE', amountCents],
    ['CREDITOR_FUNDS_BANK', -amountCents],
  ]);
}

/** A debtor's overpayment paid back. */
export function creditRefundEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a refund');
  return draft('CREDIT_REFUND', party, [
    ['DEBTOR_CREDIT_HELD', amountCents],
    ['CREDITOR_FUNDS_BANK', -amountCents],
  ]);
}

/**
 * A payment reversed after its overpayment was refunded: its reversal took back more of the debtor's credit than
 * the file still held. What the refund paid out is owed back by the debtor, not a credit below nothing.
 */
export function refundToRecoverEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a refund to recover');
  return draft('REFUND_TO_RECOVER', party, [
    ['REFUND_TO_RECOVER', amountCents],
    ['DEBTOR_CREDIT_HELD', -amountCents],
  ]);
}

/** The creditor pays a commission invoice into the agency's own account: its debt to the agency is settled. */
export function invoicePaymentEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'an invoice payment');
  return draft('INVOICE_PAYMENT', party, [
    ['AGENCY_BANK', amountCents],
    ['COMMISSION_RECEIVABLE', -amountCents],
  ]);
}

/**
 * A partner's invoice the agency advanced on a creditor's file (issue 16): the agency owes the partner, the creditor
 * owes the agency (recharged like commission, whether or not the debtor may later be made to bear it).
 */
export function judicialCostEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a judicial cost');
  return draft('JUDICIAL_COST', party, [
    ['JUDICIAL_COSTS_ADVANCED', amountCents],
    ['PARTNERS_PAYABLE', -amountCents],
  ]);
}

/** Commission the creditor will not pay, given up. */
export function writeOffEntry(party: Party, { amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a write-off');
  return draft('WRITE_OFF', party, [
    ['WRITE_OFFS', amountCents],
    ['COMMISSION_RECEIVABLE', -amountCents],
  ]);
}

/** A bank credit nobody has matched to a file yet, and the same credit sent back to whoever paid it. */
export function unmatchedReceiptEntry({ amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a receipt');
  return draft('UNMATCHED_RECEIPT', null, [
    ['CREDITOR_FUNDS_BANK', amountCents],
    ['UNMATCHED_RECEIPTS', -amountCents],
  ]);
}

export function receiptReturnedEntry({ amountCents }: { amountCents: bigint }): EntryDraft {
  positive(amountCents, 'a returned receipt');
  return draft('RECEIPT_RETURNED', null, [
    ['UNMATCHED_RECEIPTS', amountCents],
    ['CREDITOR_FUNDS_BANK', -amountCents],
  ]);
}
