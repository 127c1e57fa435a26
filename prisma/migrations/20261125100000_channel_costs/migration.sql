-- What each scenario channel costs the agency (postage, SMS gateway, agent time), set by its managers. Scenario
-- effectiveness multiplies the steps executed per channel by these prices when the dashboard is read, so a new
-- price applies to every figure at once, past steps included, with no summary rebuild; a channel without a row
-- costs the default written in lib/reports/rules.ts.
CREATE TABLE channel_cost (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  channel "StepChannel" NOT NULL,
  -- Whole cents, at most €10,000 a step (a site visit is the dearest channel by far).
  cost_cents integer NOT NULL CHECK (cost_cents >= 0 AND cost_cents <= 1000000),
  updated_by uuid,
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel),
  FOREIGN KEY (tenant_id, updated_by) REFERENCES membership (tenant_id, id)
);

ALTER TABLE channel_cost ENABLE ROW LEVEL SECURITY;
ALTER TABLE channel_cost FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON channel_cost USING (tenant_id = (SELECT app_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()));
-- The agency's costs are its internal business, like the scenario figures they feed.
CREATE POLICY creditor_scope ON channel_cost AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL);
GRANT SELECT, INSERT, UPDATE ON channel_cost TO recouvra_app;

-- The summaries kept a cost computed with the prices of the day they were written: they now keep the counts
-- only, and the cost is priced on reading.
ALTER TABLE report_file_scenario DROP COLUMN cost_cents;
ALTER TABLE scenario_fact DROP COLUMN cost_cents;

-- Versions compared over the same length of time (lib/reports/rules.ts VERSION_HORIZON_DAYS): per file and
-- version, whether its first step is 90 days old on the summaries' day, its principal, and what came back
-- within those 90 days. Zero on step rows.
ALTER TABLE report_file_scenario
  ADD COLUMN mature_files integer NOT NULL DEFAULT 0,
  ADD COLUMN mature_placed_cents bigint NOT NULL DEFAULT 0,
  ADD COLUMN mature_recovered_cents bigint NOT NULL DEFAULT 0;
ALTER TABLE scenario_fact
  ADD COLUMN mature_files integer NOT NULL DEFAULT 0,
  ADD COLUMN mature_placed_cents bigint NOT NULL DEFAULT 0,
  ADD COLUMN mature_recovered_cents bigint NOT NULL DEFAULT 0;
-- The writer always gives them (like every other measure).
ALTER TABLE report_file_scenario
  ALTER COLUMN mature_files DROP DEFAULT,
  ALTER COLUMN mature_placed_cents DROP DEFAULT,
  ALTER COLUMN mature_recovered_cents DROP DEFAULT;
ALTER TABLE scenario_fact
  ALTER COLUMN mature_files DROP DEFAULT,
  ALTER COLUMN mature_placed_cents DROP DEFAULT,
  ALTER COLUMN mature_recovered_cents DROP DEFAULT;
-- Files already summarised get their new measures from the reports worker's next apply.
INSERT INTO report_dirty_file (tenant_id, file_id)
SELECT DISTINCT tenant_id, file_id FROM report_file_scenario
ON CONFLICT DO NOTHING;
