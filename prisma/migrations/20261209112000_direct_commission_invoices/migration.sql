-- Commission on money the debtor paid straight to the creditor (decision 0022): no remittance carries it, so its
-- invoice hangs on no run or transfer. `source` says which kind of invoice a row is; a remittance's names both its
-- run and its transfer, a direct one neither.
CREATE TYPE "InvoiceSource" AS ENUM ('REMITTANCE', 'DIRECT');
ALTER TABLE commission_invoice
  ADD COLUMN source "InvoiceSource" NOT NULL DEFAULT 'REMITTANCE',
  ALTER COLUMN run_id DROP NOT NULL,
  ALTER COLUMN transfer_id DROP NOT NULL,
  ADD CONSTRAINT commission_invoice_source_check CHECK (
    CASE source WHEN 'REMITTANCE' THEN run_id IS NOT NULL AND transfer_id IS NOT NULL
                ELSE run_id IS NULL AND transfer_id IS NULL END);
