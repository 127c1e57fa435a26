-- Money paid out of the creditors'-funds account (issue 15): remittances to creditors (CPCE R124-6) and refunds of
-- a debtor's overpayment. A run is proposed, approved by a manager (and by a second, different one when its total
-- reaches the agency's threshold), and only then posts its ledger entries and gets its one SEPA credit-transfer
-- file (pain.001.001.09). Nothing here is edited after approval: a run moves PROPOSED → APPROVED or CANCELLED.

-- How the mandate wants its funds: NET of the commission taken from them, or GROSS with the commission invoiced.
CREATE TYPE "RemittanceMode" AS ENUM ('NET', 'GROSS');
ALTER TABLE mandate
  ADD COLUMN payout_iban text CHECK (payout_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  ADD COLUMN payout_bic text CHECK (payout_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
  ADD COLUMN remittance_mode "RemittanceMode" NOT NULL DEFAULT 'NET';

-- The agency's side of the transfer file, and from which total a run needs a second approver (NULL: never).
ALTER TABLE agency
  ADD COLUMN creditor_funds_bic text CHECK (creditor_funds_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
  ADD COLUMN payout_second_approval_cents bigint CHECK (payout_second_approval_cents >= 0);
GRANT UPDATE (creditor_funds_bic, payout_second_approval_cents) ON agency TO recouvra_app;

CREATE TYPE "PayoutKind" AS ENUM ('REMITTANCE', 'REFUND');
CREATE TYPE "PayoutStatus" AS ENUM ('PROPOSED', 'AWAITING_SECOND_APPROVAL', 'APPROVED', 'CANCELLED');

CREATE TABLE payout_run (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind "PayoutKind" NOT NULL,
  -- Numbered per agency and kind: the statements and the transfer file quote it.
  number integer NOT NULL CHECK (number > 0),
  status "PayoutStatus" NOT NULL DEFAULT 'PROPOSED',
  -- The day the funds were counted up to (agency time) and the day the bank is asked to pay.
  as_of date NOT NULL,
  execution_on date NOT NULL,
  total_cents bigint NOT NULL CHECK (total_cents > 0),
  transfers integer NOT NULL CHECK (transfers > 0),
  needs_second_approval boolean NOT NULL,
  proposed_by uuid,
  proposed_at timestamptz(6) NOT NULL DEFAULT now(),
  approved_by uuid,
  approved_at timestamptz(6),
  second_approved_by uuid,
  second_approved_at timestamptz(6),
  cancelled_by uuid,
  cancelled_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, kind, number),
  -- Four eyes: the second approver is another person.
  CHECK (second_approved_by IS NULL OR approved_by IS NULL OR second_approved_by <> approved_by),
  FOREIGN KEY (tenant_id, proposed_by) REFERENCES membership (tenant_id, id),
  FOREIGN KEY (tenant_id, approved_by) REFERENCES membership (tenant_id, id),
  FOREIGN KEY (tenant_id, second_approved_by) REFERENCES membership (tenant_id, id),
  FOREIGN KEY (tenant_id, cancelled_by) REFERENCES membership (tenant_id, id)
);
CREATE INDEX payout_run_recent_idx ON payout_run (tenant_id, proposed_at DESC);

-- One transfer of a run: to a creditor (a remittance, with its payments as items) or to a debtor (a refund).
CREATE TABLE payout_transfer (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  -- A refund's file (the debtor's credit held on it); NULL for a remittance.
  file_id uuid,
  payee_name text NOT NULL CHECK (length(payee_name) BETWEEN 1 AND 140),
  iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  bic text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
  mode "RemittanceMode",
  -- Money the payments paid to the creditor, the commission on them before tax and its VAT, the part of it taken
  -- from the funds (NET), and what the transfer pays: amount = gross - settled.
  gross_cents bigint NOT NULL,
  commission_cents bigint NOT NULL,
  vat_cents bigint NOT NULL,
  settled_cents bigint NOT NULL CHECK (settled_cents >= 0),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0 AND amount_cents = gross_cents - settled_cents),
  end_to_end_id text NOT NULL CHECK (end_to_end_id ~ '^[A-Za-z0-9-]{1,35}$'),
  -- While its run waits for approval (a file's credit is refunded by one pending run at a time).
  pending boolean NOT NULL DEFAULT true,
  statement_key text,
  emailed_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, end_to_end_id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES payout_run (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX payout_transfer_run_idx ON payout_transfer (tenant_id, run_id);
CREATE INDEX payout_transfer_creditor_idx ON payout_transfer (tenant_id, creditor_id);
CREATE UNIQUE INDEX payout_transfer_refund_pending ON payout_transfer (tenant_id, file_id) WHERE pending AND file_id IS NOT NULL;

-- Each payment a remittance pays out. A payment belongs to one live run (proposed or approved): a cancelled run
-- lets its payments go to the next one.
CREATE TABLE payout_item (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  run_id uuid NOT NULL,
  transfer_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  file_id uuid NOT NULL,
  received_on date NOT NULL,
  gross_cents bigint NOT NULL,
  commission_cents bigint NOT NULL,
  vat_cents bigint NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, run_id, payment_id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES payout_run (tenant_id, id),
  FOREIGN KEY (tenant_id, transfer_id) REFERENCES payout_transfer (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE UNIQUE INDEX payout_item_live_payment ON payout_item (tenant_id, payment_id) WHERE active;
CREATE INDEX payout_item_transfer_idx ON payout_item (tenant_id, transfer_id);

-- The run's SEPA credit-transfer file, written once at approval after it passed the ISO 20022 schema. It names every
-- payee's account: the agency's alone, never a creditor user's.
CREATE TABLE payout_file (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  run_id uuid NOT NULL,
  message_id text NOT NULL,
  xml text NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, run_id),
  UNIQUE (tenant_id, message_id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES payout_run (tenant_id, id)
);

-- The journal's remittance_id now has its table (refund runs too: a payout of the creditors' funds either way).
ALTER TABLE journal_entry
  ADD FOREIGN KEY (tenant_id, remittance_id) REFERENCES payout_run (tenant_id, id);
CREATE INDEX journal_entry_remittance_idx ON journal_entry (tenant_id, remittance_id) WHERE remittance_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['payout_run', 'payout_transfer', 'payout_item', 'payout_file'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
  -- A creditor user sees its own transfers and their payments, never another creditor's nor a debtor's refund.
  FOREACH t IN ARRAY ARRAY['payout_transfer', 'payout_item'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
                   'OR (creditor_id = (SELECT app_creditor_id()) AND %s))', t,
                   CASE WHEN t = 'payout_transfer' THEN 'file_id IS NULL' ELSE 'true' END);
  END LOOP;
END $$;
-- The run a creditor's transfer belongs to (its number and dates), and nothing of the transfer file.
CREATE POLICY creditor_scope ON payout_run AS RESTRICTIVE USING (
  (SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM payout_transfer t
     WHERE t.tenant_id = payout_run.tenant_id AND t.run_id = payout_run.id
       AND t.creditor_id = (SELECT app_creditor_id())));
CREATE POLICY creditor_scope ON payout_file AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL);

GRANT SELECT, INSERT ON payout_run, payout_transfer, payout_item, payout_file TO recouvra_app;
GRANT UPDATE (status, approved_by, approved_at, second_approved_by, second_approved_at, cancelled_by, cancelled_at)
  ON payout_run TO recouvra_app;
GRANT UPDATE (pending, statement_key, emailed_at) ON payout_transfer TO recouvra_app;
GRANT UPDATE (active) ON payout_item TO recouvra_app;
