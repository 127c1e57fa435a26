-- A bulk import can multiply a table's size inside one transaction. The planner then still believes the
-- table is tiny and plans each foreign-key check of the next step as a scan of the creditor's files: the
-- claim insert of a 100,000-row first import took 230 s instead of 1 s. The importer calls this after each
-- big insert; it analyses the table (our own uncommitted rows included) only when it grew by over 20 %.
-- SECURITY DEFINER because ANALYZE needs the owner; the whitelist keeps it to the intake tables.
CREATE FUNCTION app_analyze_grown(tbl text, added bigint) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  estimate real;
BEGIN
  IF tbl NOT IN ('debtor', 'contact_point', 'case_file', 'claim') THEN
    RAISE EXCEPTION 'app_analyze_grown: % is not an intake table', tbl;
  END IF;
  SELECT reltuples INTO estimate FROM pg_class WHERE oid = tbl::regclass;
  IF estimate < 0 OR added > estimate * 0.2 THEN
    EXECUTE format('ANALYZE %I', tbl);
    RETURN true;
  END IF;
  RETURN false;
END $$;
REVOKE ALL ON FUNCTION app_analyze_grown(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_analyze_grown(text, bigint) TO recouvra_app;
