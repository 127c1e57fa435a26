-- The agency's books (issue 15): a double-entry, append-only ledger per agency, and the commission charged on
-- each payment.
--
-- Amounts are signed integer cents: a debit is positive, a credit negative, so an entry balances when its lines
-- sum to zero. Every line names the creditor the money concerns (NULL only for the agency's own money and for
-- bank credits not yet matched to a file): a creditor's sub-account is (account, creditor_id), the agency-wide
-- accounts (bank, commission earned, VAT) are summed over all of them, and row-level security shows a creditor
-- user the lines of its own creditor and nothing else.

-- The chart of accounts, the same for every agency (a reference table on Citus). per_creditor: every line on the
-- account must name a creditor.
CREATE TYPE "LedgerAccountKind" AS ENUM ('ASSET', 'LIABILITY', 'INCOME', 'EXPENSE', 'MEMO');
CREATE TABLE ledger_account (
  code text NOT NULL PRIMARY KEY CHECK (code ~ '^[A-Z_]{3,40}$'),
  kind "LedgerAccountKind" NOT NULL,
  per_creditor boolean NOT NULL
);
INSERT INTO ledger_account (code, kind, per_creditor) VALUES
  -- CPCE R124-2: the bank account used only for the money collected for creditors.
  ('CREDITOR_FUNDS_BANK', 'ASSET', false),
  -- What the agency owes each creditor out of that account (funds held).
  ('CREDITOR_FUNDS_PAYABLE', 'LIABILITY', true),
  -- Commission (tax included) the creditor owes the agency, until it is taken from the funds or paid.
  ('COMMISSION_RECEIVABLE', 'ASSET', true),
  ('COMMISSION_EARNED', 'INCOME', false),
  ('VAT_COLLECTED', 'LIABILITY', false),
  -- A debtor's overpayment, held until it is imputed or refunded.
  ('DEBTOR_CREDIT_HELD', 'LIABILITY', true),
  -- Bank credits not matched to a file yet (bank statements).
  ('UNMATCHED_RECEIPTS', 'LIABILITY', false),
  -- The agency's own bank account, where commission taken from the funds goes.
  ('AGENCY_BANK', 'ASSET', false),
  -- Commission the agency gives up (written off).
  ('WRITE_OFFS', 'EXPENSE', false),
  -- Money the debtor paid straight to the creditor: it never reaches the agency's accounts, but is counted
  -- (a memo pair that always nets to zero) so the creditor's statement shows it.
  ('DIRECT_COLLECTED', 'MEMO', true),
  ('DIRECT_COLLECTED_CONTRA', 'MEMO', true);

CREATE TYPE "JournalKind" AS ENUM (
  'PAYMENT', 'DIRECT_PAYMENT', 'PAYMENT_REVERSAL', 'COMMISSION', 'COMMISSION_REVERSAL', 'COMMISSION_SETTLEMENT',
  'REMITTANCE', 'CREDIT_REFUND', 'WRITE_OFF', 'UNMATCHED_RECEIPT', 'RECEIPT_RETURNED');

CREATE SEQUENCE journal_entry_seq;
-- One money event. remittance_id and invoice_id name rows of tables a later migration adds (their foreign keys
-- come with them).
CREATE TABLE journal_entry (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  seq bigint NOT NULL DEFAULT nextval('journal_entry_seq'),
  kind "JournalKind" NOT NULL,
  effective_on date NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  creditor_id uuid,
  file_id uuid,
  payment_id uuid,
  reverses_id uuid,
  remittance_id uuid,
  invoice_id uuid,
  posted_by uuid,
  posted_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reverses_id),
  UNIQUE (tenant_id, payment_id, kind),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  FOREIGN KEY (tenant_id, reverses_id) REFERENCES journal_entry (tenant_id, id)
);
CREATE INDEX journal_entry_file_idx ON journal_entry (tenant_id, file_id, seq);
CREATE INDEX journal_entry_creditor_idx ON journal_entry (tenant_id, creditor_id, seq);

CREATE TABLE journal_line (
  tenant_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no >= 0),
  account text NOT NULL REFERENCES ledger_account (code),
  creditor_id uuid,
  file_id uuid,
  amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
  PRIMARY KEY (tenant_id, entry_id, line_no),
  FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entry (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX journal_line_file_idx ON journal_line (tenant_id, file_id) WHERE file_id IS NOT NULL;
CREATE INDEX journal_line_account_idx ON journal_line (tenant_id, account, creditor_id);

-- Balances per (account, creditor), kept by a trigger in the same transaction as the lines, so screens read one
-- row per sub-account instead of summing millions of lines. creditor_id is the nil uuid for lines without one.
-- Nothing here is a source of truth: replaying journal_line gives the same figures (tested).
CREATE TABLE ledger_balance (
  tenant_id uuid NOT NULL,
  account text NOT NULL REFERENCES ledger_account (code),
  creditor_id uuid NOT NULL,
  balance_cents bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, account, creditor_id)
);

-- Posted lines and entries are never changed: a correction is a new entry. This holds for every role,
-- the owner included (TRUNCATE, which only the owner may run, empties a demo database).
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % refused (post a correcting entry)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001', HINT = 'ledger.append_only';
END $$;
CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- A creditor's sub-account needs its creditor.
CREATE FUNCTION ledger_check_line() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE wants boolean;
BEGIN
  SELECT per_creditor INTO wants FROM ledger_account WHERE code = NEW.account;
  IF wants AND NEW.creditor_id IS NULL THEN
    RAISE EXCEPTION 'ledger account % needs a creditor', NEW.account USING ERRCODE = '23514', HINT = 'ledger.creditor_needed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_line_check BEFORE INSERT ON journal_line FOR EACH ROW EXECUTE FUNCTION ledger_check_line();

-- Checked at COMMIT (deferred), once every line of the entry is in: the lines sum to zero and there are at
-- least two. Fired for each new entry and each new line, so neither an entry without lines nor a line added
-- later to an old entry gets through.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- One function for both tables: read the entry's id by name, as each row type has only its own column.
  entry uuid := (to_jsonb(NEW) ->> CASE WHEN TG_TABLE_NAME = 'journal_entry' THEN 'id' ELSE 'entry_id' END)::uuid;
  total numeric;
  lines integer;
BEGIN
  SELECT coalesce(sum(amount_cents), 0), count(*) INTO total, lines
    FROM journal_line WHERE tenant_id = NEW.tenant_id AND entry_id = entry;
  IF total <> 0 OR lines < 2 THEN
    RAISE EXCEPTION 'journal entry % does not balance (% lines summing to % cents)', entry, lines, total
      USING ERRCODE = '23514', HINT = 'ledger.unbalanced';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON journal_line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- Set-based, once per INSERT statement: a bulk posting moves each balance row once.
CREATE FUNCTION ledger_move_balances() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO ledger_balance AS b (tenant_id, account, creditor_id, balance_cents)
  SELECT tenant_id, account, coalesce(creditor_id, '00000000-0000-0000-0000-000000000000'::uuid), sum(amount_cents)
    FROM added GROUP BY 1, 2, 3
  ON CONFLICT (tenant_id, account, creditor_id) DO UPDATE SET balance_cents = b.balance_cents + excluded.balance_cents;
  RETURN NULL;
END $$;
CREATE TRIGGER journal_line_balances AFTER INSERT ON journal_line
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_move_balances();

-- The commission charged on each payment (and taken back with its reversal: negative amounts), with the terms
-- it was computed from, so a statement or an invoice can show how each figure came about.
CREATE TABLE payment_commission (
  tenant_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  file_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  mandate_id uuid,
  phase "FilePhase" NOT NULL,
  -- The money the commission is a share of (imputed to the claims; a credit held is not collected).
  base_cents bigint NOT NULL,
  rate_bps integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
  -- Commission before tax, of which fixed fees (per file, per letter); letters_charged: letters billed here.
  commission_cents bigint NOT NULL,
  fee_cents bigint NOT NULL,
  letters_charged integer NOT NULL,
  vat_rate_bps integer NOT NULL CHECK (vat_rate_bps BETWEEN 0 AND 10000),
  vat_cents bigint NOT NULL,
  terms jsonb NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, payment_id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, mandate_id) REFERENCES mandate (tenant_id, id)
);
CREATE INDEX payment_commission_file_idx ON payment_commission (tenant_id, file_id);
CREATE TRIGGER payment_commission_append_only BEFORE UPDATE OR DELETE ON payment_commission
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- The commission terms beyond the rate per phase and the fee per file the mandate already holds: tiers, fee
-- per letter, minimum, maximum, direct payments, VAT rate (lib/accounting/commission-terms.ts validates it).
ALTER TABLE mandate ADD COLUMN commission_rules jsonb NOT NULL DEFAULT '{}'::jsonb;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['journal_entry', 'journal_line', 'ledger_balance', 'payment_commission'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
    -- A creditor user sees its own creditor's lines, entries, balances and commissions; never the agency's own
    -- accounts, unmatched receipts, or another creditor's money.
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
                   'OR creditor_id = (SELECT app_creditor_id()))', t);
  END LOOP;
END $$;

-- Append-only by grant as well as by trigger; ledger_balance moves only through the trigger above.
GRANT SELECT ON ledger_account TO recouvra_app;
GRANT SELECT, INSERT ON journal_entry, journal_line, payment_commission TO recouvra_app;
GRANT SELECT ON ledger_balance TO recouvra_app;
GRANT USAGE ON SEQUENCE journal_entry_seq TO recouvra_app;
GRANT UPDATE (commission_rules) ON mandate TO recouvra_app;

-- Existing payments get their entries, so the books open balanced: money received into the creditors' funds
-- account (the part beyond the claims held as the debtor's credit), money paid straight to the creditor on the
-- memo pair, and each reversal as the mirror of what it reverses. No commission is charged on them: it was
-- never computed when they were recorded, and charging it now would bill creditors for terms nobody applied.
CREATE TEMP TABLE legacy_entry ON COMMIT DROP AS
SELECT p.tenant_id, gen_random_uuid() AS id, p.id AS payment_id, p.reverses_id, p.file_id, p.creditor_id,
       p.received_on, p.recorded_by, p.recorded_at, p.amount_cents, p.method,
       coalesce((SELECT sum(a.amount_cents) FROM allocation a
                  WHERE a.tenant_id = p.tenant_id AND a.payment_id = p.id AND a.part = 'CREDIT'), 0) AS credit_cents
  FROM payment p
 WHERE NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.tenant_id = p.tenant_id AND e.payment_id = p.id);

INSERT INTO journal_entry (tenant_id, id, kind, effective_on, creditor_id, file_id, payment_id, reverses_id,
                           posted_by, posted_at)
SELECT l.tenant_id, l.id,
       (CASE WHEN l.reverses_id IS NOT NULL THEN 'PAYMENT_REVERSAL'
             WHEN l.method = 'DIRECT_TO_CREDITOR' THEN 'DIRECT_PAYMENT' ELSE 'PAYMENT' END)::"JournalKind",
       l.received_on, l.creditor_id, l.file_id, l.payment_id,
       (SELECT o.id FROM legacy_entry o WHERE o.tenant_id = l.tenant_id AND o.payment_id = l.reverses_id),
       l.recorded_by, l.recorded_at
  FROM legacy_entry l
 ORDER BY l.recorded_at, l.reverses_id NULLS FIRST;

-- Lines: a reversal carries negative amounts, so the same formulas give the mirror of the original's lines.
INSERT INTO journal_line (tenant_id, entry_id, line_no, account, creditor_id, file_id, amount_cents)
SELECT l.tenant_id, l.id, v.line_no, v.account, l.creditor_id, l.file_id, v.amount
  FROM legacy_entry l
 CROSS JOIN LATERAL (VALUES
   (0, CASE WHEN l.method = 'DIRECT_TO_CREDITOR' THEN 'DIRECT_COLLECTED' ELSE 'CREDITOR_FUNDS_BANK' END, l.amount_cents),
   (1, CASE WHEN l.method = 'DIRECT_TO_CREDITOR' THEN 'DIRECT_COLLECTED_CONTRA' ELSE 'CREDITOR_FUNDS_PAYABLE' END,
    CASE WHEN l.method = 'DIRECT_TO_CREDITOR' THEN -l.amount_cents ELSE l.credit_cents - l.amount_cents END),
   (2, 'DEBTOR_CREDIT_HELD', CASE WHEN l.method = 'DIRECT_TO_CREDITOR' THEN 0 ELSE -l.credit_cents END)
 ) AS v(line_no, account, amount)
 WHERE v.amount <> 0;
