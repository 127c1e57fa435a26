-- Bank statements (issue 15): the agency's creditors'-funds account as its bank reports it, each credit matched to
-- the file it pays. The bank's entry reference is the key, so importing the same statement twice changes nothing.

CREATE TYPE "BankEntryStatus" AS ENUM (
  'MATCHED',   -- recorded as a payment (or several, split) on the files it pays
  'DOUBTFUL',  -- candidates found, none sure: an agent decides on the reconciliation page
  'UNMATCHED', -- nothing found: held as an unmatched receipt until assigned or returned
  'RETURNED',  -- sent back to the payer (unknown to the agency)
  'REVERSED',  -- a returned direct debit or a bank reversal: the payment it undid is reversed
  'IGNORED'    -- a debit that is none of the above (fees, transfers out): not a debtor's money
);

CREATE TABLE bank_statement (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  format text NOT NULL CHECK (format IN ('CAMT053', 'MT940')),
  version int,
  source "ImportSource" NOT NULL,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  imported_by uuid,
  imported_at timestamptz(6) NOT NULL DEFAULT now(),
  entries int NOT NULL DEFAULT 0,
  credits int NOT NULL DEFAULT 0,
  matched int NOT NULL DEFAULT 0,
  doubtful int NOT NULL DEFAULT 0,
  unmatched int NOT NULL DEFAULT 0,
  duplicates int NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX bank_statement_imported_idx ON bank_statement (tenant_id, imported_at DESC);

CREATE TABLE bank_entry (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  statement_id uuid NOT NULL,
  account_iban text NOT NULL,
  bank_ref text NOT NULL,
  booking_date date NOT NULL,
  value_date date,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  currency char(3) NOT NULL,
  direction text NOT NULL CHECK (direction IN ('CREDIT', 'DEBIT')),
  reversal boolean NOT NULL DEFAULT false,
  counterparty_name text,
  counterparty_iban text,
  creditor_refs text[] NOT NULL DEFAULT '{}',
  remittance text NOT NULL DEFAULT '',
  end_to_end_id text,
  return_reason text,
  status "BankEntryStatus" NOT NULL,
  -- Why it was matched or doubted: { kind, score, candidates: [{ fileId, score, reasons }] } (lib/bank/match.ts).
  match jsonb NOT NULL DEFAULT '{}',
  decided_by uuid,
  decided_at timestamptz(6),
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, account_iban, bank_ref),
  FOREIGN KEY (tenant_id, statement_id) REFERENCES bank_statement (tenant_id, id)
);
CREATE INDEX bank_entry_open_idx ON bank_entry (tenant_id, booking_date DESC) WHERE status IN ('DOUBTFUL', 'UNMATCHED');
CREATE INDEX bank_entry_statement_idx ON bank_entry (tenant_id, statement_id);
CREATE INDEX bank_entry_e2e_idx ON bank_entry (tenant_id, end_to_end_id) WHERE end_to_end_id IS NOT NULL;

-- Which payments a credit became: one, or several when it pays several files or is split.
CREATE TABLE bank_entry_payment (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  entry_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  file_id uuid NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (tenant_id, entry_id, payment_id),
  UNIQUE (tenant_id, payment_id),
  FOREIGN KEY (tenant_id, entry_id) REFERENCES bank_entry (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX bank_entry_payment_file_idx ON bank_entry_payment (tenant_id, file_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bank_statement', 'bank_entry', 'bank_entry_payment'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
    -- The agency's own bank account: nothing of it for a creditor's users (they see their payments).
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL)', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT ON bank_statement, bank_entry, bank_entry_payment TO recouvra_app;
-- A statement's counts are written once its entries are; an entry's status and decision move when an agent decides.
GRANT UPDATE (entries, credits, matched, doubtful, unmatched, duplicates) ON bank_statement TO recouvra_app;
GRANT UPDATE (status, match, decided_by, decided_at) ON bank_entry TO recouvra_app;
