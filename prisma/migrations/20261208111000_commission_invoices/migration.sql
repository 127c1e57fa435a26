-- Commission invoices and credit notes to creditors (issue 15, decision 0017). A remittance run, when approved,
-- invoices the commission each transfer takes from the funds (net) or leaves receivable (gross); the commission a
-- reversal took back is credited by a credit note. Numbers come from the database alone: one unbroken sequence per
-- agency, drawn in the transaction that issues the document, so a rolled-back approval leaves no gap.

-- What a French invoice must name its seller by (Code de commerce R123-237, CGI art. 242 nonies A): legal form and
-- share capital, the RCS registration, the intra-EU VAT number; and the payment terms the agency gives.
ALTER TABLE agency
  ADD COLUMN legal_form text,
  ADD COLUMN share_capital_cents bigint CHECK (share_capital_cents >= 0),
  ADD COLUMN rcs text,
  ADD COLUMN vat_number text CHECK (vat_number ~ '^[A-Z]{2}[0-9A-Z]{2,13}$'),
  ADD COLUMN invoice_payment_days integer NOT NULL DEFAULT 30 CHECK (invoice_payment_days BETWEEN 0 AND 60);
-- The buyer's VAT number, printed when the creditor is a business.
ALTER TABLE creditor ADD COLUMN vat_number text CHECK (vat_number ~ '^[A-Z]{2}[0-9A-Z]{2,13}$');

CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- The last number issued per agency. Only the numbering trigger below moves it.
CREATE TABLE invoice_counter (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  last_number integer NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (tenant_id)
);

CREATE TABLE commission_invoice (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind "InvoiceKind" NOT NULL,
  -- Set by the trigger, whatever the insert says.
  number integer NOT NULL,
  issued_on date NOT NULL,
  due_on date NOT NULL CHECK (due_on >= issued_on),
  -- The days the commission was earned on (the payments' days received): the service's dates.
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  creditor_id uuid NOT NULL,
  run_id uuid NOT NULL,
  transfer_id uuid NOT NULL,
  -- A credit note names the invoice it corrects (null only for commission invoiced before invoices existed).
  corrects_id uuid,
  mode "RemittanceMode" NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  -- Amounts as printed, positive for both kinds: before tax, tax, tax included; and what the remittance took
  -- from the funds against it (net mode), the rest being due by the creditor.
  net_cents bigint NOT NULL CHECK (net_cents > 0),
  vat_cents bigint NOT NULL CHECK (vat_cents >= 0),
  total_cents bigint NOT NULL,
  settled_cents bigint NOT NULL DEFAULT 0 CHECK (settled_cents >= 0),
  -- Who the parties were on the day (an agency or creditor edited later does not rewrite an invoice issued), and
  -- the lines: one per payment, as data (lib/invoices/schemas.ts).
  seller jsonb NOT NULL,
  buyer jsonb NOT NULL,
  lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array' AND jsonb_array_length(lines) > 0),
  issued_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  UNIQUE (tenant_id, transfer_id, kind),
  CHECK (total_cents = net_cents + vat_cents),
  CHECK (settled_cents <= total_cents),
  CHECK ((kind = 'CREDIT_NOTE') OR corrects_id IS NULL),
  CHECK ((kind = 'INVOICE') OR settled_cents = 0),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES payout_run (tenant_id, id),
  FOREIGN KEY (tenant_id, transfer_id) REFERENCES payout_transfer (tenant_id, id),
  FOREIGN KEY (tenant_id, corrects_id) REFERENCES commission_invoice (tenant_id, id)
);
CREATE INDEX commission_invoice_creditor_idx ON commission_invoice (tenant_id, creditor_id, number DESC);
-- Which invoice billed a payment (a credit note corrects that one).
CREATE INDEX commission_invoice_lines_idx ON commission_invoice USING gin (lines jsonb_path_ops);

-- The number: the agency's next, drawn under the counter row's lock. Two approvals at once wait for each other
-- here; a transaction that rolls back gives its number back with it, so the sequence has no gap.
CREATE FUNCTION invoice_next_number() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO invoice_counter AS c (tenant_id, last_number) VALUES (NEW.tenant_id, 1)
  ON CONFLICT (tenant_id) DO UPDATE SET last_number = c.last_number + 1
  RETURNING last_number INTO NEW.number;
  RETURN NEW;
END $$;
CREATE TRIGGER commission_invoice_number BEFORE INSERT ON commission_invoice
  FOR EACH ROW EXECUTE FUNCTION invoice_next_number();
-- An invoice issued is never changed or removed: a credit note corrects it (for every role, the owner included).
CREATE TRIGGER commission_invoice_append_only BEFORE UPDATE OR DELETE ON commission_invoice
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER invoice_counter_no_delete BEFORE DELETE ON invoice_counter
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['invoice_counter', 'commission_invoice'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
END $$;
-- A creditor's users see the invoices addressed to their creditor, and nothing of the counter.
CREATE POLICY creditor_scope ON commission_invoice AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL
  OR creditor_id = (SELECT app_creditor_id()));
CREATE POLICY creditor_scope ON invoice_counter AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL);

-- Issued by insert only; the counter is the trigger's (no grant to write it).
GRANT SELECT, INSERT ON commission_invoice TO recouvra_app;
GRANT SELECT ON invoice_counter TO recouvra_app;
GRANT UPDATE (legal_form, share_capital_cents, rcs, vat_number, invoice_payment_days) ON agency TO recouvra_app;
GRANT UPDATE (vat_number) ON creditor TO recouvra_app;

-- The ledger's entries point at the invoice they settle (reserved by 20261207154000_ledger).
ALTER TABLE journal_entry ADD FOREIGN KEY (tenant_id, invoice_id) REFERENCES commission_invoice (tenant_id, id);

