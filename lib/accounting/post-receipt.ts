import type { Tx } from '../db/tenant';
import type { Account } from './ledger-chart';
import { receiptReturnedEntry, unmatchedReceiptEntry, type EntryDraft } from './ledger-entries';
import { postEntry } from './post-entry';

// A bank credit nobody has matched yet is money in the creditors'-funds account that belongs to no creditor: it
// waits on UNMATCHED_RECEIPTS, posted once per credit (keyed by the bank entry), until an agent assigns it to files
// (each part becomes a payment taken from that account) or sends it back.

export interface BankCredit {
  tenantId: string;
  bankEntryId: string;
  amountCents: bigint;
  bookingDate: string;
  postedBy: string | null;
}

export async function postUnmatchedReceipt(tx: Tx, credit: BankCredit): Promise<void> {
  await postFor(tx, credit, unmatchedReceiptEntry({ amountCents: credit.amountCents }));
}

async function postFor(tx: Tx, credit: BankCredit, draft: EntryDraft): Promise<void> {
  const { tenantId, bankEntryId, bookingDate, postedBy } = credit;
  await postEntry(tx, { tenantId, effectiveOn: bookingDate, bankEntryId, postedBy }, draft);
}

/** Where a part of the credit is paid from: the unmatched receipts it was held in, when it was. */
export async function receiptSource(tx: Tx, tenantId: string, bankEntryId: string): Promise<Account> {
  const held = await tx.journalEntry.findFirst({
    where: { tenantId, bankEntryId, kind: 'UNMATCHED_RECEIPT' },
    select: { id: true },
  });
  return held ? 'UNMATCHED_RECEIPTS' : 'CREDITOR_FUNDS_BANK';
}

/** The credit sent back to its payer: out of the unmatched receipts and out of the bank. */
export async function postReceiptReturned(tx: Tx, credit: BankCredit): Promise<void> {
  if ((await receiptSource(tx, credit.tenantId, credit.bankEntryId)) !== 'UNMATCHED_RECEIPTS') return;
  await postFor(tx, credit, receiptReturnedEntry({ amountCents: credit.amountCents }));
}
