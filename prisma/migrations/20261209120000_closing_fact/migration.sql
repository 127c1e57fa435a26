-- Closing reasons in the summary tables (decision 0003; issue 16 "closing reasons by creditor and month"): each file's
-- decided closings (report_file_closing: per file, month of the decision in the agency's calendar, and reason) and
-- their sums per creditor, month and reason (closing_fact), kept by the reports worker like the other families
-- (lib/reports/summaries.ts). The chart on /closings read file_closing directly; it reads closing_fact now.

CREATE TABLE report_file_closing (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  month date NOT NULL,
  reason text NOT NULL,
  closings integer NOT NULL,
  PRIMARY KEY (tenant_id, file_id, month, reason)
);

CREATE TABLE closing_fact (
  tenant_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  month date NOT NULL,
  reason text NOT NULL,
  closings integer NOT NULL,
  PRIMARY KEY (tenant_id, creditor_id, month, reason)
);
-- The chart reads twelve months of an agency, every creditor or one.
CREATE INDEX closing_fact_month_idx ON closing_fact (tenant_id, month);

-- A closing row written or decided marks its file (the file's own status change marks it too, but a decision's
-- reason or day is the closing row's alone).
CREATE TRIGGER file_closing_report_insert AFTER INSERT ON file_closing
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_rows_files();
CREATE FUNCTION report_mark_closing_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_file (tenant_id, file_id) VALUES (NEW.tenant_id, NEW.file_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER file_closing_report_update AFTER UPDATE ON file_closing FOR EACH ROW
  WHEN ((OLD.status, OLD.reason, OLD.decided_at) IS DISTINCT FROM (NEW.status, NEW.reason, NEW.decided_at))
  EXECUTE FUNCTION report_mark_closing_file();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['report_file_closing', 'closing_fact'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
    -- A manager's view of the agency's closings, as the closings page is (closings.approve).
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL)', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON report_file_closing, closing_fact TO recouvra_app;
