-- Password change and reset by e-mail (issue 18, decision 0019). A password is the person's (identity, global), so
-- its reset links are global too: a reset happens before any agency is chosen. The web role has no privilege on
-- the table: it issues, checks and uses a link only through the functions below, which answer nothing an
-- attacker could use to learn whether an address has an account.
CREATE TABLE password_reset (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  identity_id uuid NOT NULL REFERENCES identity (id),
  -- Only the SHA-256 of the link's secret: the database is no list of working links.
  token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  expires_at timestamptz(6) NOT NULL,
  used_at timestamptz(6),
  -- A newer link, or a password changed meanwhile, ends the ones before.
  revoked_at timestamptz(6),
  -- 'reset': "forgot my password", one hour; 'invite': an admin's invitation to choose a first password, a week.
  purpose text NOT NULL DEFAULT 'reset' CHECK (purpose IN ('reset', 'invite')),
  CHECK (expires_at > created_at)
);
CREATE INDEX password_reset_identity_idx ON password_reset (identity_id);
ALTER TABLE password_reset ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_reset FORCE ROW LEVEL SECURITY;

-- A link for the person behind an e-mail, valid one hour, ending the ones before: the agency it is filed under
-- (the oldest active membership: the capture header and the audit trail need one), the person's name and language.
-- An unknown address, or a person without an active membership, gets no row and no link.
CREATE FUNCTION app_issue_password_reset(p_email text, p_token_sha256 text)
  RETURNS TABLE (identity_id uuid, tenant_id uuid, name text, locale text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_identity uuid;
  v_name text;
  v_locale text;
  v_tenant uuid;
BEGIN
  SELECT i.id, i.name, i.locale INTO v_identity, v_name, v_locale FROM public.identity i WHERE i.email = p_email;
  IF v_identity IS NULL THEN RETURN; END IF;
  SELECT m.tenant_id INTO v_tenant FROM public.membership m
   WHERE m.identity_id = v_identity AND m.active ORDER BY m.created_at, m.tenant_id LIMIT 1;
  IF v_tenant IS NULL THEN RETURN; END IF;
  UPDATE public.password_reset r SET revoked_at = now()
   WHERE r.identity_id = v_identity AND r.used_at IS NULL AND r.revoked_at IS NULL;
  INSERT INTO public.password_reset (identity_id, token_sha256, expires_at)
  VALUES (v_identity, p_token_sha256, now() + interval '1 hour');
  RETURN QUERY SELECT v_identity, v_tenant, v_name, v_locale;
END $$;

-- What a link opens, while it is open (not used, not replaced, not expired): 'reset' or 'invite'; null otherwise.
CREATE FUNCTION app_password_reset_open(p_token_sha256 text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT r.purpose FROM public.password_reset r
   WHERE r.token_sha256 = p_token_sha256 AND r.used_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > now() $$;

-- Uses a link once: the new password (an Argon2id hash), the person's sessions ended. The UPDATE … WHERE used_at IS
-- NULL is the single use: of two concurrent uses, the second finds the row used and gets nothing.
CREATE FUNCTION app_reset_password(p_token_sha256 text, p_password_hash text)
  RETURNS TABLE (identity_id uuid, tenant_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_identity uuid;
BEGIN
  IF p_password_hash NOT LIKE '$argon2id$%' THEN RAISE EXCEPTION 'not an argon2id hash' USING ERRCODE = '22023'; END IF;
  UPDATE public.password_reset r SET used_at = now()
   WHERE r.token_sha256 = p_token_sha256 AND r.used_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > now()
  RETURNING r.identity_id INTO v_identity;
  IF v_identity IS NULL THEN RETURN; END IF;
  UPDATE public.identity i SET password_hash = p_password_hash, session_version = i.session_version + 1
   WHERE i.id = v_identity;
  RETURN QUERY SELECT v_identity, (SELECT m.tenant_id FROM public.membership m
                                    WHERE m.identity_id = v_identity AND m.active
                                    ORDER BY m.created_at, m.tenant_id LIMIT 1);
END $$;

-- A person changes their own password (the identity the transaction is signed in as; the use-case has checked the
-- current one): the new hash, every session ended, every open reset link revoked.
CREATE FUNCTION app_change_password(p_password_hash text) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_identity uuid := public.app_identity_id();
BEGIN
  IF p_password_hash NOT LIKE '$argon2id$%' THEN RAISE EXCEPTION 'not an argon2id hash' USING ERRCODE = '22023'; END IF;
  IF v_identity IS NULL THEN RETURN false; END IF;
  UPDATE public.identity i SET password_hash = p_password_hash, session_version = i.session_version + 1
   WHERE i.id = v_identity;
  IF NOT FOUND THEN RETURN false; END IF;
  UPDATE public.password_reset r SET revoked_at = now()
   WHERE r.identity_id = v_identity AND r.used_at IS NULL AND r.revoked_at IS NULL;
  RETURN true;
END $$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['app_issue_password_reset(text, text)', 'app_password_reset_open(text)',
                           'app_reset_password(text, text)', 'app_change_password(text)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO recouvra_app', f);
  END LOOP;
END $$;
