-- The creditor pays a commission invoice (issue 15, decision 0022): a gross remittance paid the creditor everything
-- and left the commission receivable, due by the invoice's date. The agency records the creditor's payment when it
-- reaches the agency's own account: one row per payment (a creditor may pay in parts), append-only like the invoice,
-- and one ledger entry (INVOICE_PAYMENT: agency bank debited, the creditor's commission receivable credited) pointing
-- at the invoice. An invoice is paid when what the remittance settled and what was paid cover its total.
ALTER TYPE "JournalKind" ADD VALUE 'INVOICE_PAYMENT';

CREATE TABLE commission_invoice_payment (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  invoice_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  received_on date NOT NULL,
  -- The bank's reference of the credit, as the agency's statement shows it.
  reference text CHECK (length(reference) <= 140),
  recorded_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES commission_invoice (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id)
);
CREATE INDEX commission_invoice_payment_invoice_idx ON commission_invoice_payment (tenant_id, invoice_id);
CREATE TRIGGER commission_invoice_payment_append_only BEFORE UPDATE OR DELETE ON commission_invoice_payment
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

ALTER TABLE commission_invoice_payment ENABLE ROW LEVEL SECURITY;
ALTER TABLE commission_invoice_payment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON commission_invoice_payment USING (tenant_id = (SELECT app_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()));
-- A creditor's users see the payments of their own creditor's invoices (the invoice's status), and write none.
CREATE POLICY creditor_scope ON commission_invoice_payment AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()))
  WITH CHECK ((SELECT app_creditor_id()) IS NULL);

GRANT SELECT, INSERT ON commission_invoice_payment TO recouvra_app;
