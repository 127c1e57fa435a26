import type { Tx } from '../db/tenant';
import type { Account } from './ledger-chart';
import { receiptReturnedEntry, unmatchedReceiptEntry, type EntryDraft } from './ledger-entries';
import { postEntry } from './post-entry';

// A bank credit nobody has matched yet is money in the creditors'-funds account that belongs to no creditor: it
// waits on UNMATCHED_RECEIPTS, posted once per credit (keyed by the bank entry), until an agent assigns it to files
// (each part becomes a payment taken from that account) or sends it back. A payment a credit became that is
// reversed gives its part back to that account, and the credit waits for an agent again: the books and the credit's
// status say the same thing (the money is in the bank, nobody's yet).

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

/**
 * Where a part of the credit is paid from: the unmatched receipts it was held in, when it was, or when a payment it
 * became was reversed (the reversal put that part there).
 */
export async function receiptSource(tx: Tx, tenantId: string, bankEntryId: string): Promise<Account> {
  const [row] = await tx.$queryRaw<{ held: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM journal_entry
                    WHERE tenant_id = ${tenantId}::uuid AND bank_entry_id = ${bankEntryId}::uuid
                      AND kind = 'UNMATCHED_RECEIPT')
        OR EXISTS (SELECT 1 FROM bank_entry_payment p
                     JOIN payment r ON r.tenant_id = p.tenant_id AND r.reverses_id = p.payment_id
                    WHERE p.tenant_id = ${tenantId}::uuid AND p.entry_id = ${bankEntryId}::uuid) AS held`;
  return row?.held ? 'UNMATCHED_RECEIPTS' : 'CREDITOR_FUNDS_BANK';
}

/** The bank credit a payment was recorded from (a statement's match or an agent's assignment), if any. */
export async function bankCreditOf(tx: Tx, tenantId: string, paymentId: string): Promise<string | null> {
  const [link] = await tx.$queryRaw<{ entry_id: string }[]>`
    SELECT entry_id::text FROM bank_entry_payment
     WHERE tenant_id = ${tenantId}::uuid AND payment_id = ${paymentId}::uuid`;
  return link?.entry_id ?? null;
}

/**
 * A payment the credit became was reversed and its part put back on the unmatched receipts: the credit waits for an
 * agent again (assigned to the right file, or sent back). Its earlier decision stays in `match`; who reversed it
 * is the last to have decided.
 */
export async function creditWaitsAgain(
  tx: Tx,
  tenantId: string,
  bankEntryId: string,
  by: string | null,
): Promise<void> {
  await tx.$executeRaw`
    UPDATE bank_entry SET status = 'UNMATCHED', decided_by = ${by}::uuid, decided_at = now()
     WHERE tenant_id = ${tenantId}::uuid AND id = ${bankEntryId}::uuid AND status = 'MATCHED'`;
}

/**
 * The bank took back a credit (a returned direct debit, a recalled transfer), after the payments it became were
 * reversed onto the unmatched receipts: the money leaves those and the account, on the returning debit's entry.
 */
export async function postBankReturn(tx: Tx, debit: BankCredit): Promise<void> {
  await postFor(tx, debit, receiptReturnedEntry({ amountCents: debit.amountCents }));
}

/** The credit sent back to its payer: out of the unmatched receipts and out of the bank. */
export async function postReceiptReturned(tx: Tx, credit: BankCredit): Promise<void> {
  if ((await receiptSource(tx, credit.tenantId, credit.bankEntryId)) !== 'UNMATCHED_RECEIPTS') return;
  await postFor(tx, credit, receiptReturnedEntry({ amountCents: credit.amountCents }));
}
