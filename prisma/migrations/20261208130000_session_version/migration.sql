-- Sessions that can be ended (issue 18, decision 0019). A session token carries the identity's session version
-- at sign-in; every request compares it with this column, so bumping it ends every session of that person at once
-- (signing out, a password change, an admin's "sign out everywhere"). identity is global: a person signed in to
-- two agencies is signed out of both.
ALTER TABLE identity ADD COLUMN session_version integer NOT NULL DEFAULT 0 CHECK (session_version >= 0);
GRANT SELECT (session_version) ON identity TO recouvra_app;

-- The web role changes no identity (people_walls). This function is the one way to end someone's sessions: one's
-- own (the identity the transaction is signed in as), or a person of the agency the transaction serves — and a
-- creditor's user only its own creditor's people. The role check (an admin) is the use-case's.
CREATE FUNCTION app_end_sessions(p_identity uuid) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH ended AS (
    UPDATE public.identity i SET session_version = i.session_version + 1
     WHERE i.id = p_identity
       AND (p_identity = public.app_identity_id()
            OR EXISTS (SELECT 1 FROM public.membership m
                        WHERE m.tenant_id = public.app_tenant_id() AND m.identity_id = p_identity
                          AND (public.app_creditor_id() IS NULL OR m.creditor_id = public.app_creditor_id())))
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM ended) $$;
REVOKE ALL ON FUNCTION app_end_sessions(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_end_sessions(uuid) TO recouvra_app;
