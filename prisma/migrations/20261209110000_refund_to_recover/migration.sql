-- A payment reversed after its overpayment was refunded (a cheque that bounced once the debtor had been paid back
-- the surplus): the refund left the creditors'-funds account for money that never arrived. The debtor's credit on
-- the file cannot go below nothing (case_file.credit_cents >= 0); what was refunded is owed back by the debtor, an
-- asset of the funds account until the debtor repays it or the agency makes the account whole.
INSERT INTO ledger_account (code, kind, per_creditor) VALUES ('REFUND_TO_RECOVER', 'ASSET', true);
ALTER TYPE "JournalKind" ADD VALUE 'REFUND_TO_RECOVER';
