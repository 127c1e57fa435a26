-- Reports: the summary tables the dashboards read (ARCHITECTURE.md "Dashboards read from pre-aggregated
-- tables refreshed by workers"). Nothing here is a source of truth: every row can be rebuilt from case_file,
-- claim, payment, allocation, activity and promise (lib/reports/summaries.ts), and the nightly job does so.
--
-- Two levels:
--   report_file_*   one file's contribution (its dims as last seen, its amounts), so that a change to a file
--                   can be applied by subtracting what the file contributed before and adding what it
--                   contributes now — and the detail level the dashboards fall back on for rare filter mixes;
--   *_fact          those contributions summed per "grain": a bit mask of the optional dimensions a row keeps
--                   (1 creditor and mandate, 2 agent, 4 status, 8 age band). A dimension the grain rolls up
--                   holds a neutral value: the nil uuid, '' or -1. The grain tells which values are real.

CREATE TYPE "TargetMetric" AS ENUM ('CALLS', 'LETTERS', 'PROMISES_MADE', 'PROMISES_KEPT', 'COLLECTED');
CREATE TYPE "TargetPeriod" AS ENUM ('DAY', 'WEEK', 'MONTH');

-- Files whose contribution is out of date. Written by the triggers below in the transaction that changed the
-- file, so no change is ever missed (an outbox); the reports worker deletes the rows it has applied.
CREATE TABLE report_dirty_file (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  marked_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, file_id)
);

-- When the summaries were last rebuilt, and the day aging was computed for (days past due move every night).
CREATE TABLE report_state (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  as_of date NOT NULL,
  time_zone text NOT NULL,
  rebuilt_at timestamptz(6) NOT NULL,
  applied_at timestamptz(6),
  PRIMARY KEY (tenant_id)
);

-- One row per file and month of placement (claims added to an open file later are placed when they arrive).
CREATE TABLE report_file_placement (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  placed_month date NOT NULL,
  creditor_id uuid NOT NULL,
  mandate_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  status text NOT NULL,
  age_band integer NOT NULL,
  files integer NOT NULL,
  claims integer NOT NULL,
  placed_cents bigint NOT NULL,
  recovered_cents bigint NOT NULL,
  collected_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, file_id, placed_month)
);
CREATE INDEX report_file_placement_creditor_idx ON report_file_placement (tenant_id, creditor_id, placed_month);
CREATE INDEX report_file_placement_agent_idx ON report_file_placement (tenant_id, agent_id, placed_month);

-- Money recovered per file, month of placement of the claims it went to, and month it was received.
CREATE TABLE report_file_recovery (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  placed_month date NOT NULL,
  paid_month date NOT NULL,
  creditor_id uuid NOT NULL,
  mandate_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  status text NOT NULL,
  age_band integer NOT NULL,
  recovered_cents bigint NOT NULL,
  collected_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, file_id, placed_month, paid_month)
);
CREATE INDEX report_file_recovery_creditor_idx ON report_file_recovery (tenant_id, creditor_id, placed_month);
CREATE INDEX report_file_recovery_agent_idx ON report_file_recovery (tenant_id, agent_id, placed_month);

-- Principal still owed on an open file, per aging bucket of its claims on report_state.as_of.
CREATE TABLE report_file_aging (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  bucket integer NOT NULL,
  creditor_id uuid NOT NULL,
  mandate_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  status text NOT NULL,
  claims integer NOT NULL,
  outstanding_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, file_id, bucket)
);

-- What each agent did on a file, per day (agency time zone).
CREATE TABLE report_file_activity (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  day date NOT NULL,
  calls integer NOT NULL,
  letters integer NOT NULL,
  emails integer NOT NULL,
  promises_made integer NOT NULL,
  promises_kept integer NOT NULL,
  promises_broken integer NOT NULL,
  collected_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, file_id, agent_id, day)
);

-- Scenario effectiveness (issue 5's step executions): per file, version and step what was executed, what it cost
-- and the principal recovered in the 30 days after; per file and version (step_index -1, channel '') the file's
-- principal and what was recovered since the version's first step.
CREATE TABLE report_file_scenario (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  scenario_version_id uuid NOT NULL,
  step_index integer NOT NULL,
  channel text NOT NULL,
  creditor_id uuid NOT NULL,
  files integer NOT NULL,
  executed integer NOT NULL,
  skipped integer NOT NULL,
  failed integer NOT NULL,
  cost_cents bigint NOT NULL,
  placed_cents bigint NOT NULL,
  recovered_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, file_id, scenario_version_id, step_index, channel)
);

CREATE TABLE placement_fact (
  tenant_id uuid NOT NULL,
  grain integer NOT NULL,
  creditor_id uuid NOT NULL,
  mandate_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  status text NOT NULL,
  age_band integer NOT NULL,
  placed_month date NOT NULL,
  files integer NOT NULL,
  claims integer NOT NULL,
  placed_cents bigint NOT NULL,
  recovered_cents bigint NOT NULL,
  collected_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, grain, creditor_id, mandate_id, agent_id, status, age_band, placed_month)
);

CREATE TABLE recovery_fact (
  tenant_id uuid NOT NULL,
  grain integer NOT NULL,
  creditor_id uuid NOT NULL,
  mandate_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  status text NOT NULL,
  age_band integer NOT NULL,
  placed_month date NOT NULL,
  paid_month date NOT NULL,
  recovered_cents bigint NOT NULL,
  collected_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, grain, creditor_id, mandate_id, agent_id, status, age_band, placed_month, paid_month)
);

CREATE TABLE aging_fact (
  tenant_id uuid NOT NULL,
  grain integer NOT NULL,
  creditor_id uuid NOT NULL,
  mandate_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  status text NOT NULL,
  bucket integer NOT NULL,
  claims integer NOT NULL,
  outstanding_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, grain, creditor_id, mandate_id, agent_id, status, bucket)
);

CREATE TABLE scenario_fact (
  tenant_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  scenario_version_id uuid NOT NULL,
  step_index integer NOT NULL,
  channel text NOT NULL,
  files integer NOT NULL,
  executed integer NOT NULL,
  skipped integer NOT NULL,
  failed integer NOT NULL,
  cost_cents bigint NOT NULL,
  placed_cents bigint NOT NULL,
  recovered_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, creditor_id, scenario_version_id, step_index, channel)
);

CREATE TABLE agent_activity_daily (
  tenant_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  day date NOT NULL,
  calls integer NOT NULL,
  letters integer NOT NULL,
  emails integer NOT NULL,
  promises_made integer NOT NULL,
  promises_kept integer NOT NULL,
  promises_broken integer NOT NULL,
  collected_cents bigint NOT NULL,
  PRIMARY KEY (tenant_id, agent_id, day)
);
CREATE INDEX agent_activity_daily_day_idx ON agent_activity_daily (tenant_id, day);

-- Targets a manager sets per agent and metric; one applies from valid_from until the next one.
CREATE TABLE agent_target (
  tenant_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  metric "TargetMetric" NOT NULL,
  valid_from date NOT NULL,
  period "TargetPeriod" NOT NULL,
  target bigint NOT NULL CHECK (target >= 0),
  set_by uuid,
  set_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agent_id, metric, valid_from),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES membership (tenant_id, id)
);

-- Marking ------------------------------------------------------------------------------------------------
-- Statement-level where bulk paths insert (imports write 100,000 claims at a time): one INSERT … SELECT per
-- statement, not one call per row. Row-level with a WHEN clause on case_file updates, so that the many updates
-- that change nothing reported (priority scores, versions) never call the function.
CREATE FUNCTION report_mark_inserted_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_file (tenant_id, file_id)
  SELECT DISTINCT tenant_id, id FROM inserted_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER case_file_report_insert AFTER INSERT ON case_file
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_inserted_files();

CREATE FUNCTION report_mark_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_file (tenant_id, file_id) VALUES (NEW.tenant_id, NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER case_file_report_update AFTER UPDATE ON case_file FOR EACH ROW
  WHEN ((OLD.status, OLD.assignee_id, OLD.creditor_id, OLD.mandate_id, OLD.placed_at, OLD.principal_cents,
         OLD.oldest_due_on, OLD.collected_cents)
        IS DISTINCT FROM
        (NEW.status, NEW.assignee_id, NEW.creditor_id, NEW.mandate_id, NEW.placed_at, NEW.principal_cents,
         NEW.oldest_due_on, NEW.collected_cents))
  EXECUTE FUNCTION report_mark_file();

CREATE FUNCTION report_mark_rows_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_file (tenant_id, file_id)
  SELECT DISTINCT tenant_id, file_id FROM inserted_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER payment_report_insert AFTER INSERT ON payment
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_rows_files();
CREATE TRIGGER promise_report_insert AFTER INSERT ON promise
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_rows_files();
CREATE TRIGGER step_execution_report_insert AFTER INSERT ON step_execution
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_rows_files();

-- Only the kinds agent activity counts (lib/reports/rules.ts ACTIVITY_KINDS): an import's 'file.placed'
-- timeline entries do not mark anything twice.
CREATE FUNCTION report_mark_activity_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_file (tenant_id, file_id)
  SELECT DISTINCT tenant_id, file_id FROM inserted_rows
   WHERE actor_id IS NOT NULL
     AND kind IN ('contact.call', 'call.logged', 'letter.sent', 'contact.email', 'email.sent')
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER activity_report_insert AFTER INSERT ON activity
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_activity_files();

CREATE FUNCTION report_mark_promise_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_file (tenant_id, file_id) VALUES (NEW.tenant_id, NEW.file_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER promise_report_update AFTER UPDATE ON promise FOR EACH ROW
  WHEN ((OLD.status, OLD.resolved_at, OLD.created_by) IS DISTINCT FROM (NEW.status, NEW.resolved_at, NEW.created_by))
  EXECUTE FUNCTION report_mark_promise_file();

-- Row-level security -------------------------------------------------------------------------------------
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['report_dirty_file', 'report_state', 'report_file_placement', 'report_file_recovery',
                           'report_file_aging', 'report_file_activity', 'report_file_scenario', 'placement_fact',
                           'recovery_fact', 'aging_fact', 'scenario_fact', 'agent_activity_daily',
                           'agent_target'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
  -- A creditor's users read their creditor's rows only. Rows of a grain that rolls the creditor up (nil
  -- creditor) mix every creditor's money, so they are hidden from them too.
  FOREACH t IN ARRAY ARRAY['report_file_placement', 'report_file_recovery', 'report_file_aging', 'placement_fact',
                           'recovery_fact', 'aging_fact'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE '
                   'USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()))', t);
  END LOOP;
  -- Agents' work, targets and scenario costs are the agency's internal business. (report_state, the day the
  -- figures are computed for, is read by everyone.)
  FOREACH t IN ARRAY ARRAY['report_file_activity', 'report_file_scenario', 'scenario_fact',
                           'agent_activity_daily', 'agent_target'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL)', t);
  END LOOP;
END $$;
-- report_dirty_file: a creditor user's import marks files too, so its rows stay insertable from a creditor
-- session; only the reports worker (no creditor) reads or deletes them.
CREATE POLICY creditor_scope_read ON report_dirty_file AS RESTRICTIVE FOR SELECT
  USING ((SELECT app_creditor_id()) IS NULL);
CREATE POLICY creditor_scope_delete ON report_dirty_file AS RESTRICTIVE FOR DELETE
  USING ((SELECT app_creditor_id()) IS NULL);

GRANT SELECT, INSERT, DELETE ON report_dirty_file TO recouvra_app;
GRANT SELECT, INSERT, UPDATE ON report_state TO recouvra_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON report_file_placement, report_file_recovery, report_file_aging,
  report_file_activity, report_file_scenario, placement_fact, recovery_fact, aging_fact, scenario_fact,
  agent_activity_daily, agent_target TO recouvra_app;
