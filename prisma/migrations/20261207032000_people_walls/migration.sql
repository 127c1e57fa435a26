-- Who works where is no business of other agencies, nor of a creditor's users (issue 13 §3).

-- identity is global (one person, several agencies). The web role reads the people of the agency it serves, and
-- itself while signing in; it no longer reads password hashes, and changes nobody (it never did: no code path).
ALTER TABLE identity ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity FORCE ROW LEVEL SECURITY;
-- The membership subquery runs under membership's own policies, so a creditor's users see their colleagues only.
CREATE POLICY agency_people ON identity FOR SELECT USING (
  id = (SELECT app_identity_id())
  OR EXISTS (SELECT 1 FROM membership m WHERE m.tenant_id = (SELECT app_tenant_id()) AND m.identity_id = identity.id));
REVOKE SELECT, UPDATE ON identity FROM recouvra_app;
GRANT SELECT (id, email, name, locale, created_at) ON identity TO recouvra_app;

-- Sign-in finds an identity by e-mail before any agency is known: this function, and nothing else, reads one
-- across agencies, and answers only what the password check and the session need.
CREATE FUNCTION app_sign_in_identity(p_email text)
  RETURNS TABLE (id uuid, email text, name text, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS
  $$ SELECT i.id, i.email, i.name, i.password_hash FROM public.identity i WHERE i.email = p_email $$;
REVOKE ALL ON FUNCTION app_sign_in_identity(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_sign_in_identity(text) TO recouvra_app;

-- A creditor's users see their own creditor's accounts (and their own membership), not the agency's staff.
CREATE POLICY creditor_scope ON membership AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()));

-- The audit trail holds staff e-mails and addresses: a creditor's users read only what their own accounts did
-- (which is also what lets them append to it: an INSERT … RETURNING must see its row).
CREATE POLICY creditor_scope ON audit_log AS RESTRICTIVE FOR SELECT
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM membership m WHERE m.tenant_id = audit_log.tenant_id AND m.id = audit_log.actor_id
       AND m.creditor_id = (SELECT app_creditor_id())));

-- The agency's settings (contact window, caps, grace days, the creditors' funds IBAN printed on letters) are
-- written by the seed and operators, never by a web request.
REVOKE UPDATE ON agency FROM recouvra_app;
