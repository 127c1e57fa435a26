-- The judicial phase (issue 16): the manager's decision on an escalated file with the route chosen, the creditor's
-- agreement when its mandate makes it advance the costs, and the procedure a file then runs — one at a time — with
-- its append-only steps and the deadlines they open. Routes, steps and deadlines are catalogue data
-- (lib/judicial/catalogue.ts): the columns hold their codes, validated by zod, so a route is added without a migration.

-- A deadline of a procedure in the agenda of the file's agent (the manager sees them all).
ALTER TYPE "TaskKind" ADD VALUE 'JUDICIAL_DEADLINE';

-- Who advances the judicial costs under the mandate: when the creditor does, going to court waits for its agreement.
ALTER TABLE mandate ADD COLUMN judicial_costs_by text NOT NULL DEFAULT 'AGENCY'
  CHECK (judicial_costs_by IN ('AGENCY', 'CREDITOR'));

-- The manager's decision, as codes: the route approved, or why the file went back to the amicable phase; the
-- creditor's agreement asked in the portal and its answer.
ALTER TABLE escalation
  ADD COLUMN route text,
  ADD COLUMN send_back_reason text,
  ADD COLUMN agreement text CHECK (agreement IN ('REQUESTED', 'ACCEPTED', 'REFUSED')),
  ADD COLUMN agreement_requested_by uuid,
  ADD COLUMN agreement_requested_at timestamptz(6),
  ADD COLUMN agreement_by uuid,
  ADD COLUMN agreement_at timestamptz(6),
  ADD COLUMN agreement_note text;

-- A title (judgment, order made enforceable): the day it became enforceable. The legal rate on the claim rises by
-- 5 points two months later (CMF L313-3, lib/interest/rules.ts). Costs a court awarded are claims of their own.
ALTER TABLE claim
  ADD COLUMN title_enforceable_on date,
  ADD COLUMN origin text NOT NULL DEFAULT 'INVOICE' CHECK (origin IN ('INVOICE', 'COURT_COSTS', 'ARTICLE_700'));

-- Money a partner (commissaire de justice) collected is a payment like any other, marked as such.
ALTER TABLE payment ADD COLUMN source text NOT NULL DEFAULT 'agency' CHECK (source IN ('agency', 'partner'));

CREATE TABLE judicial_procedure (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  escalation_id uuid,
  country char(2) NOT NULL DEFAULT 'FR',
  route text NOT NULL,
  -- The last step recorded (its kind), the projection of the steps below for lists and the dashboard.
  stage text NOT NULL,
  outcome text CHECK (outcome IN ('TITLE', 'FAILED', 'LAPSED', 'ABANDONED', 'RELAYED')),
  started_on date NOT NULL,
  title_on date,
  ended_on date,
  started_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, escalation_id) REFERENCES escalation (tenant_id, id)
);
-- One procedure at a time per file.
CREATE UNIQUE INDEX judicial_procedure_running_idx ON judicial_procedure (tenant_id, file_id) WHERE ended_on IS NULL;
CREATE INDEX judicial_procedure_file_idx ON judicial_procedure (tenant_id, file_id);
CREATE INDEX judicial_procedure_route_idx ON judicial_procedure (tenant_id, route, stage);

-- Append-only: each step a kind and its values (never a sentence), rendered through judicial.steps.* in messages.
CREATE TABLE judicial_step (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL,
  file_id uuid NOT NULL,
  kind text NOT NULL,
  occurred_on date NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  recorded_by uuid,
  recorded_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, procedure_id) REFERENCES judicial_procedure (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX judicial_step_procedure_idx ON judicial_step (tenant_id, procedure_id, recorded_at);

-- A deadline a step opened (service within 6 months, opposition within a month…), met by a later step or lapsed.
CREATE TABLE judicial_deadline (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL,
  file_id uuid NOT NULL,
  kind text NOT NULL,
  due_on date NOT NULL,
  opened_by_step uuid NOT NULL,
  closed_by_step uuid,
  closed_on date,
  task_id uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, procedure_id) REFERENCES judicial_procedure (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, opened_by_step) REFERENCES judicial_step (tenant_id, id),
  FOREIGN KEY (tenant_id, closed_by_step) REFERENCES judicial_step (tenant_id, id),
  FOREIGN KEY (tenant_id, task_id) REFERENCES task (tenant_id, id)
);
CREATE INDEX judicial_deadline_open_idx ON judicial_deadline (tenant_id, due_on) WHERE closed_on IS NULL;
CREATE INDEX judicial_deadline_procedure_idx ON judicial_deadline (tenant_id, procedure_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['judicial_procedure', 'judicial_step', 'judicial_deadline'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
    -- A creditor's users see the procedures of their own files only.
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
                   'OR EXISTS (SELECT 1 FROM case_file f WHERE f.tenant_id = %I.tenant_id AND f.id = %I.file_id '
                   'AND f.creditor_id = (SELECT app_creditor_id())))', t, t, t);
  END LOOP;
END $$;

GRANT SELECT, INSERT ON judicial_procedure, judicial_step, judicial_deadline TO recouvra_app;
-- The procedure's projection moves with its steps; a deadline is closed once, by the step that met it.
GRANT UPDATE (stage, outcome, title_on, ended_on, updated_at) ON judicial_procedure TO recouvra_app;
GRANT UPDATE (closed_by_step, closed_on) ON judicial_deadline TO recouvra_app;
