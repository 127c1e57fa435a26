-- Agent workspace: what agents learn and do on a file, money received, payment plans, and the work queue.

CREATE TYPE "ClaimNature" AS ENUM ('B2B', 'CONSUMER', 'CIVIL');
CREATE TYPE "PaymentMethod" AS ENUM ('TRANSFER', 'CHEQUE', 'CARD', 'DIRECT_DEBIT', 'DIRECT_TO_CREDITOR');
CREATE TYPE "AllocationPart" AS ENUM ('INTEREST', 'INDEMNITY', 'PRINCIPAL', 'CREDIT');
CREATE TYPE "PromiseStatus" AS ENUM ('PENDING', 'KEPT', 'BROKEN', 'CANCELLED');
CREATE TYPE "TaskKind" AS ENUM ('CALLBACK', 'CALL', 'VISIT', 'DISPUTE', 'INSOLVENCY_FOLLOW_UP', 'REVIEW');
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');
CREATE TYPE "PlanStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'BROKEN', 'CANCELLED');
CREATE TYPE "PlanFrequency" AS ENUM ('WEEKLY', 'BIWEEKLY', 'MONTHLY');
CREATE TYPE "InstalmentStatus" AS ENUM ('DUE', 'PAID', 'LATE', 'MISSED');
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'UPHELD', 'REJECTED');
CREATE TYPE "CompanyEventKind" AS ENUM ('TRANSFER', 'CESSATION', 'SAFEGUARD', 'RECEIVERSHIP', 'LIQUIDATION',
                                        'SEAT_CHANGE', 'OVER_INDEBTEDNESS');

-- ECB main refinancing rate (B2B late penalties, Code de commerce L441-10), in basis points, by date of effect.
CREATE TABLE reference_rate (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ECB_MRO')),
  valid_from date NOT NULL,
  rate_bps integer NOT NULL CHECK (rate_bps >= 0),
  UNIQUE (kind, valid_from)
);
INSERT INTO reference_rate (kind, valid_from, rate_bps) VALUES
  ('ECB_MRO', '2023-09-20', 450), ('ECB_MRO', '2024-06-12', 425), ('ECB_MRO', '2024-09-18', 365),
  ('ECB_MRO', '2024-10-23', 340), ('ECB_MRO', '2024-12-18', 315), ('ECB_MRO', '2025-02-05', 290),
  ('ECB_MRO', '2025-03-12', 265), ('ECB_MRO', '2025-04-23', 240), ('ECB_MRO', '2025-06-11', 215);
-- Legal interest rates from the first half of 2024, so claims placed up to two years back compute.
INSERT INTO legal_rate (country, valid_from, valid_to, individual_bps, other_bps) VALUES
  ('FR', '2024-01-01', '2024-06-30', 801, 507),
  ('FR', '2024-07-01', '2024-12-31', 816, 492)
ON CONFLICT DO NOTHING;

ALTER TABLE agency
  ADD COLUMN creditor_funds_iban text,
  ADD COLUMN plan_grace_days integer NOT NULL DEFAULT 10 CHECK (plan_grace_days BETWEEN 0 AND 60);

ALTER TABLE case_file
  ADD COLUMN nature "ClaimNature" NOT NULL DEFAULT 'B2B',
  ADD COLUMN formal_notice_on date,
  ADD COLUMN limitation_on date,
  ADD COLUMN collected_cents bigint NOT NULL DEFAULT 0,
  ADD COLUMN credit_cents bigint NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
  ADD COLUMN last_contact_at timestamptz(6),
  -- The work queue reads these; every use-case that changes a file recomputes them with the pure score.
  ADD COLUMN attention_on date,
  ADD COLUMN priority_score integer NOT NULL DEFAULT 0,
  ADD COLUMN priority_reasons jsonb NOT NULL DEFAULT '[]';
CREATE INDEX case_file_work_queue_idx ON case_file (tenant_id, assignee_id, priority_score DESC)
  WHERE phase <> 'CLOSED' AND attention_on IS NOT NULL;
CREATE INDEX case_file_tenant_id_assignee_id_idx ON case_file (tenant_id, assignee_id);

CREATE TABLE file_info (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  non_payment_reason text,
  non_payment_note text,
  solvency text CHECK (solvency IN ('SOLVENT', 'UNCERTAIN', 'INSOLVENT', 'UNKNOWN')),
  solvency_note text,
  employer text,
  bank text,
  updated_by uuid,
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, file_id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);

CREATE TABLE company_event (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  debtor_id uuid NOT NULL,
  kind "CompanyEventKind" NOT NULL,
  occurred_on date NOT NULL,
  published_on date,
  note text,
  recorded_by uuid,
  recorded_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id)
);
CREATE INDEX company_event_tenant_id_debtor_id_idx ON company_event (tenant_id, debtor_id);

ALTER TABLE contact_point
  ADD COLUMN found_on date,
  ADD COLUMN status_changed_at timestamptz(6);

CREATE TABLE task (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  kind "TaskKind" NOT NULL,
  status "TaskStatus" NOT NULL DEFAULT 'OPEN',
  due_at timestamptz(6) NOT NULL,
  assignee_id uuid,
  source text NOT NULL DEFAULT 'agent',
  note text,
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  done_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX task_open_idx ON task (tenant_id, file_id) WHERE status = 'OPEN';

CREATE TABLE promise (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  due_on date NOT NULL,
  status "PromiseStatus" NOT NULL DEFAULT 'PENDING',
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  resolved_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX promise_tenant_id_file_id_idx ON promise (tenant_id, file_id);

CREATE TABLE dispute (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  reason text NOT NULL,
  status "DisputeStatus" NOT NULL DEFAULT 'OPEN',
  resolution text,
  opened_by uuid,
  opened_at timestamptz(6) NOT NULL DEFAULT now(),
  resolved_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX dispute_tenant_id_file_id_idx ON dispute (tenant_id, file_id);

-- Money: append-only. A reversal is a payment with a negative amount pointing at the one it cancels.
CREATE SEQUENCE payment_receipt_seq;
CREATE TABLE payment (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
  currency char(3) NOT NULL DEFAULT 'EUR',
  method "PaymentMethod" NOT NULL,
  received_on date NOT NULL,
  reference text,
  receipt_number text NOT NULL DEFAULT ('Q' || lpad(nextval('payment_receipt_seq')::text, 8, '0')),
  reverses_id uuid,
  note text,
  recorded_by uuid,
  recorded_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, receipt_number),
  UNIQUE (tenant_id, reverses_id),
  FOREIGN KEY (tenant_id, file_id, creditor_id) REFERENCES case_file (tenant_id, id, creditor_id),
  FOREIGN KEY (tenant_id, reverses_id) REFERENCES payment (tenant_id, id),
  CHECK ((reverses_id IS NULL) = (amount_cents > 0))
);
CREATE INDEX payment_tenant_id_file_id_idx ON payment (tenant_id, file_id);
CREATE INDEX payment_tenant_id_received_on_idx ON payment (tenant_id, received_on);

CREATE TABLE allocation (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL,
  file_id uuid NOT NULL,
  claim_id uuid,
  part "AllocationPart" NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  FOREIGN KEY (tenant_id, claim_id) REFERENCES claim (tenant_id, id),
  CHECK ((part = 'CREDIT') = (claim_id IS NULL))
);
CREATE INDEX allocation_tenant_id_payment_id_idx ON allocation (tenant_id, payment_id);
CREATE INDEX allocation_tenant_id_claim_id_idx ON allocation (tenant_id, claim_id);
CREATE INDEX allocation_tenant_id_file_id_idx ON allocation (tenant_id, file_id);

CREATE TABLE payment_plan (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  status "PlanStatus" NOT NULL DEFAULT 'ACTIVE',
  total_cents bigint NOT NULL CHECK (total_cents > 0),
  down_payment_cents bigint NOT NULL DEFAULT 0 CHECK (down_payment_cents >= 0),
  frequency "PlanFrequency" NOT NULL,
  first_due_on date NOT NULL,
  grace_days integer NOT NULL,
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  ended_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE UNIQUE INDEX payment_plan_one_active_idx ON payment_plan (tenant_id, file_id) WHERE status = 'ACTIVE';

CREATE TABLE plan_instalment (
  tenant_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 0),
  due_on date NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  paid_cents bigint NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
  status "InstalmentStatus" NOT NULL DEFAULT 'DUE',
  PRIMARY KEY (tenant_id, plan_id, seq),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES payment_plan (tenant_id, id)
);
CREATE INDEX plan_instalment_due_idx ON plan_instalment (tenant_id, due_on) WHERE status IN ('DUE', 'LATE');

-- Row-level security, as for every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['file_info', 'company_event', 'task', 'promise', 'dispute', 'payment', 'allocation',
                           'payment_plan', 'plan_instalment'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['file_info', 'task', 'promise', 'dispute', 'payment', 'allocation', 'payment_plan'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
                   'OR EXISTS (SELECT 1 FROM case_file f WHERE f.tenant_id = %I.tenant_id AND f.id = %I.file_id '
                   'AND f.creditor_id = (SELECT app_creditor_id())))', t, t, t);
  END LOOP;
END $$;
CREATE POLICY creditor_scope ON company_event AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = company_event.tenant_id AND f.debtor_id = company_event.debtor_id
       AND f.creditor_id = (SELECT app_creditor_id())));
CREATE POLICY creditor_scope ON plan_instalment AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM payment_plan p JOIN case_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
     WHERE p.tenant_id = plan_instalment.tenant_id AND p.id = plan_instalment.plan_id
       AND f.creditor_id = (SELECT app_creditor_id())));

GRANT SELECT ON reference_rate TO recouvra_app;
GRANT SELECT, INSERT, UPDATE ON file_info, task, promise, dispute, payment_plan, plan_instalment TO recouvra_app;
GRANT SELECT, INSERT ON company_event, payment, allocation TO recouvra_app;
GRANT USAGE ON SEQUENCE payment_receipt_seq TO recouvra_app;
GRANT UPDATE (plan_grace_days, creditor_funds_iban) ON agency TO recouvra_app;
