-- The web role loses every way around integrity (ARCHITECTURE.md rule 10).
--
-- The import merge turns foreign-key checks and triggers off for its own transaction and proves the keys by
-- construction (lib/imports/pipeline/integrity.ts). That power now belongs to recouvra_import, a role of its own
-- that only the import path connects as (importPool in lib/db/raw.ts). recouvra_import is a member of
-- recouvra_app, so it has the same table grants and the same row security (policies are for PUBLIC, and it has no
-- BYPASSRLS); recouvra_app is not a member of recouvra_import, so a web request cannot SET ROLE to it.
-- No password here: `npm run setup` sets one (lib/cli/role-passwords.ts); locally the server trusts 127.0.0.1.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recouvra_import') THEN
    CREATE ROLE recouvra_import LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT recouvra_app TO recouvra_import;
REVOKE SET ON PARAMETER session_replication_role FROM recouvra_app;
GRANT SET ON PARAMETER session_replication_role TO recouvra_import;
-- Same planner setting the web role has (20261125050000_file_page_speed): the merge's plans were measured with it.
ALTER ROLE recouvra_import SET jit = off;

-- The totals trigger no longer asks the caller whether to run. The merge inserts claims with triggers off
-- (above); anyone else's claims always refresh their file's totals.
CREATE OR REPLACE FUNCTION case_file_refresh_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_file f
     SET principal_cents = t.total, oldest_due_on = t.oldest
    FROM (SELECT c.tenant_id, c.file_id, sum(c.principal_cents) AS total, min(c.due_on) AS oldest
            FROM claim c
           WHERE (c.tenant_id, c.file_id) IN (SELECT DISTINCT tenant_id, file_id FROM changed_claims)
           GROUP BY c.tenant_id, c.file_id) t
   WHERE f.tenant_id = t.tenant_id AND f.id = t.file_id;
  RETURN NULL;
END $$;
