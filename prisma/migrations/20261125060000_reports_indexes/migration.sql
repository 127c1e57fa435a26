-- Dashboards filtered by a creditor and an agent together (or by three dimensions) read the per-file summary
-- rows: on a million claims the creditor index alone left 80,000 rows to filter per query; one range covers both.
DROP INDEX report_file_placement_creditor_idx;
DROP INDEX report_file_recovery_creditor_idx;
CREATE INDEX report_file_placement_creditor_idx ON report_file_placement (tenant_id, creditor_id, agent_id, placed_month);
CREATE INDEX report_file_recovery_creditor_idx ON report_file_recovery (tenant_id, creditor_id, agent_id, placed_month);
