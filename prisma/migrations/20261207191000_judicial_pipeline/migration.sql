-- The judicial pipeline in the summary tables (decision 0003; issue 16 "Dashboards"): each procedure's contribution
-- (report_file_judicial, per file and procedure) and the sums per creditor, route, stage and outcome (judicial_fact),
-- kept by the reports worker like the other families (lib/reports/summaries.ts). A step marks its file dirty.

CREATE TABLE report_file_judicial (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  procedure_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  route text NOT NULL,
  stage text NOT NULL,
  outcome text NOT NULL,
  procedures integer NOT NULL,
  titled integer NOT NULL,
  days_to_title integer NOT NULL,
  costs_cents bigint NOT NULL,
  collected_cents bigint NOT NULL,
  deadlines_at_risk integer NOT NULL,
  deadlines_lapsed integer NOT NULL,
  PRIMARY KEY (tenant_id, file_id, procedure_id)
);

CREATE TABLE judicial_fact (
  tenant_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  route text NOT NULL,
  stage text NOT NULL,
  outcome text NOT NULL,
  procedures integer NOT NULL,
  titled integer NOT NULL,
  days_to_title integer NOT NULL,
  costs_cents bigint NOT NULL,
  collected_cents bigint NOT NULL,
  deadlines_at_risk integer NOT NULL,
  deadlines_lapsed integer NOT NULL,
  PRIMARY KEY (tenant_id, creditor_id, route, stage, outcome)
);

CREATE TRIGGER judicial_step_report_insert AFTER INSERT ON judicial_step
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_rows_files();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['report_file_judicial', 'judicial_fact'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
    -- Costs and deadlines are the agency's internal business, as the scenario figures are.
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL)', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON report_file_judicial, judicial_fact TO recouvra_app;
