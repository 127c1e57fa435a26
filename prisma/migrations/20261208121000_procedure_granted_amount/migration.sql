-- The sum the court granted (issue 16): an order to pay granted in part reduces the file's invoices to it through
-- the claim-correction path (lib/judicial/record-procedure-step.ts); the procedure keeps the sum, beside the steps.
ALTER TABLE judicial_procedure ADD COLUMN granted_cents bigint CHECK (granted_cents > 0);
GRANT UPDATE (granted_cents) ON judicial_procedure TO recouvra_app;
