-- Payment plans that say what they cost (issue 14).
--
-- How a plan treats interest is the creditor's choice, on its mandate:
--  FROZEN   interest stops while the plan is honoured (the usual agreement): recorded as an interest waiver
--           with the creditor's consent (interest_waiver below), ended the day a broken plan's missed
--           instalment fell due, so interest runs again from the next day;
--  INCLUDED the instalments include the interest that runs to each payment date, computed by the engine.
-- Either way a plan paid as agreed leaves nothing owed.
CREATE TYPE "PlanInterestMode" AS ENUM ('FROZEN', 'INCLUDED');

-- The mandate also bounds what an agent may agree alone: longer than plan_max_months, or instalments below
-- plan_min_instalment_cents (0: no minimum), and the plan waits for the creditor's approval.
ALTER TABLE mandate
  ADD COLUMN plan_interest_mode "PlanInterestMode" NOT NULL DEFAULT 'FROZEN',
  ADD COLUMN plan_max_months integer NOT NULL DEFAULT 12 CHECK (plan_max_months BETWEEN 1 AND 60),
  ADD COLUMN plan_min_instalment_cents bigint NOT NULL DEFAULT 0 CHECK (plan_min_instalment_cents >= 0);
-- Every existing mandate gets the defaults explicitly (the usual agreement, 12 months, no minimum).
UPDATE mandate SET plan_interest_mode = 'FROZEN', plan_max_months = 12, plan_min_instalment_cents = 0;

-- interest_mode NULL: a plan made before plans said what they cost (interest kept running); left as it was.
-- interest_cents: the interest an INCLUDED plan's schedule carries beyond the day's balance.
-- approval_reasons: why the creditor must approve (TOO_LONG, BELOW_MINIMUM); empty when it need not.
ALTER TABLE payment_plan
  ADD COLUMN interest_mode "PlanInterestMode",
  ADD COLUMN interest_cents bigint NOT NULL DEFAULT 0 CHECK (interest_cents >= 0),
  ADD COLUMN approval_reasons text[] NOT NULL DEFAULT '{}'
    CHECK (approval_reasons <@ ARRAY['TOO_LONG', 'BELOW_MINIMUM']::text[]),
  ADD COLUMN decided_by uuid,
  ADD COLUMN decided_at timestamptz(6),
  ADD COLUMN decision_note text CHECK (char_length(decision_note) <= 500);
UPDATE payment_plan SET interest_mode = NULL, interest_cents = 0, approval_reasons = '{}';

-- One plan in force or awaiting the creditor per file.
DROP INDEX payment_plan_one_active_idx;
CREATE UNIQUE INDEX payment_plan_one_active_idx ON payment_plan (tenant_id, file_id)
  WHERE status IN ('ACTIVE', 'AWAITING_APPROVAL');

-- Days on which no interest runs on a file's claims, and on what authority. until_on NULL: still running.
CREATE TABLE interest_waiver (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  plan_id uuid,
  from_on date NOT NULL,
  until_on date CHECK (until_on IS NULL OR until_on >= from_on - 1),
  -- MANDATE: the creditor's standing consent in its mandate; CREDITOR: its approval of this plan.
  consent text NOT NULL CHECK (consent IN ('MANDATE', 'CREDITOR')),
  mandate_id uuid,
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  ended_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES payment_plan (tenant_id, id)
);
CREATE INDEX interest_waiver_file_idx ON interest_waiver (tenant_id, file_id);

ALTER TABLE interest_waiver ENABLE ROW LEVEL SECURITY;
ALTER TABLE interest_waiver FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON interest_waiver
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON interest_waiver AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = interest_waiver.tenant_id AND f.id = interest_waiver.file_id
       AND f.creditor_id = (SELECT app_creditor_id())));

-- A waiver is ended (until_on, ended_at), never deleted: the timeline keeps when and why.
GRANT SELECT, INSERT ON interest_waiver TO recouvra_app;
GRANT UPDATE (until_on, ended_at) ON interest_waiver TO recouvra_app;
