-- Issue 18, audit of reads: every entry says what kind of thing happened (a read of a person's data, an export, a
-- change, an access event) and, when it concerns one debtor, which one, so a manager can search the trail by person
-- and the debtor's record can show who looked at it. The kind is derived from the action by lib/audit/kinds.ts; the
-- backfill below applies the same rule to what is already there.
ALTER TABLE audit_log
  ADD COLUMN kind text NOT NULL DEFAULT 'change' CHECK (kind IN ('read', 'export', 'change', 'access')),
  ADD COLUMN debtor_id uuid;

UPDATE audit_log SET kind = CASE
    WHEN action LIKE 'auth.%' THEN 'access'
    WHEN action ~ '(\.|_)(downloaded|exported|printed)$' THEN 'export'
    WHEN action ~ '(\.|_)(viewed|read|listed|opened)$' THEN 'read'
    ELSE 'change' END;

UPDATE audit_log a SET debtor_id = f.debtor_id
  FROM case_file f
 WHERE a.entity = 'case_file' AND f.tenant_id = a.tenant_id AND f.id::text = a.entity_id;
UPDATE audit_log SET debtor_id = entity_id::uuid
 WHERE entity = 'debtor' AND entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

-- The debtor's record ("who looked at this person") and the manager's search by person, user or kind, newest first.
CREATE INDEX audit_log_tenant_id_debtor_id_occurred_at_idx ON audit_log (tenant_id, debtor_id, occurred_at)
  WHERE debtor_id IS NOT NULL;
CREATE INDEX audit_log_tenant_id_actor_id_occurred_at_idx ON audit_log (tenant_id, actor_id, occurred_at);

-- Append-only, for every role but the owner's migrations: the web role already has only SELECT and INSERT; the
-- import and worker roles get nothing more here. Say it in the database too, so a grant added by mistake later
-- still cannot rewrite history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user <> (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log') THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
