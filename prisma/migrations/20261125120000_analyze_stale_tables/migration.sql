-- Planner statistics for the tables the application grows row by row (the scenario engine, agents' work, payments).
-- Autovacuum analyzes a table once 50 rows + 10 % of it have changed; where it is off or lags behind (a machine
-- tuned for bulk loads, a busy one), a table analyzed near-empty keeps its stale statistics while it grows, and the
-- planner reads it through the wrong index: the step's contact history scanned activity's whole primary key, 30 ms per
-- step at 25,000 letters, where the file index answers in 0.1 ms. The sweep job calls this every minute; it applies
-- autovacuum's own rule, so where autovacuum keeps up it finds nothing to do.
CREATE FUNCTION app_analyze_stale() RETURNS text[]
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t record;
  analyzed text[] := '{}';
BEGIN
  FOR t IN
    SELECT s.relname
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.schemaname = 'public'
       AND s.relname IN ('activity', 'step_execution', 'document', 'outbound_message', 'task', 'file_scenario',
                         'case_file', 'claim', 'debtor', 'contact_point', 'payment', 'allocation', 'promise')
       AND s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
     ORDER BY s.relname
  LOOP
    EXECUTE format('ANALYZE %I', t.relname);
    analyzed := analyzed || t.relname::text;
  END LOOP;
  RETURN analyzed;
END $$;
REVOKE ALL ON FUNCTION app_analyze_stale() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_analyze_stale() TO recouvra_app;
