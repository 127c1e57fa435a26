-- A second factor for staff (issue 18, decision 0019): TOTP, with recovery codes. The person's (identity), like the
-- password. The secret is sealed by the application (AES-256-GCM under a key derived from its own secret) and the
-- recovery codes are HMACs: a copy of the database alone opens nothing. The web role reads only whether a person
-- has one; it reads and writes the rest through the functions below.
ALTER TABLE identity
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_enabled_at timestamptz(6),
  -- The 30-second step of the last code accepted: a code is good once, even within its window.
  ADD COLUMN totp_last_step bigint,
  ADD COLUMN recovery_code_hashes text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT identity_totp_whole CHECK ((totp_secret IS NULL) = (totp_enabled_at IS NULL));
GRANT SELECT (totp_enabled_at) ON identity TO recouvra_app;

-- Admins and managers need one (staff_second_factor: true for every agency; only an operator can turn it off, for
-- the demo's agencies, whose people sign in with a password alone — no grant, no page); agents when their agency
-- says so (its admin, on the staff page).
ALTER TABLE agency
  ADD COLUMN staff_second_factor boolean NOT NULL DEFAULT true,
  ADD COLUMN agent_second_factor boolean NOT NULL DEFAULT false;
GRANT UPDATE (agent_second_factor) ON agency TO recouvra_app;

-- Sign-in's second step, once the password has been checked: the sealed secret and the last step used; no row when
-- the person has no second factor.
CREATE FUNCTION app_sign_in_factor(p_identity uuid)
  RETURNS TABLE (totp_secret text, totp_last_step bigint, recovery_left integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT i.totp_secret, i.totp_last_step, cardinality(i.recovery_code_hashes)
    FROM public.identity i WHERE i.id = p_identity AND i.totp_enabled_at IS NOT NULL $$;

-- A code accepted: its step must come after the last one used. Of two sign-ins with the same code, one wins.
CREATE FUNCTION app_use_totp_step(p_identity uuid, p_step bigint) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH used AS (
    UPDATE public.identity i SET totp_last_step = p_step
     WHERE i.id = p_identity AND i.totp_enabled_at IS NOT NULL
       AND (i.totp_last_step IS NULL OR i.totp_last_step < p_step)
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM used) $$;

-- A recovery code used: removed from the person's list, so it opens one sign-in only.
CREATE FUNCTION app_use_recovery_code(p_identity uuid, p_hash text) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH used AS (
    UPDATE public.identity i SET recovery_code_hashes = array_remove(i.recovery_code_hashes, p_hash)
     WHERE i.id = p_identity AND i.totp_enabled_at IS NOT NULL AND p_hash = ANY (i.recovery_code_hashes)
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM used) $$;

-- Enrolment of the person the transaction is signed in as (app.identity_id), once a code from the app has
-- confirmed the secret: the sealed secret, that code's step (it cannot serve again), the recovery codes' HMACs.
CREATE FUNCTION app_enrol_totp(p_secret text, p_step bigint, p_recovery text[]) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH enrolled AS (
    UPDATE public.identity i
       SET totp_secret = p_secret, totp_enabled_at = now(), totp_last_step = p_step, recovery_code_hashes = p_recovery
     WHERE i.id = public.app_identity_id() AND i.totp_enabled_at IS NULL
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM enrolled) $$;

-- New recovery codes for oneself (the old ones stop working).
CREATE FUNCTION app_replace_recovery_codes(p_recovery text[]) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH replaced AS (
    UPDATE public.identity i SET recovery_code_hashes = p_recovery
     WHERE i.id = public.app_identity_id() AND i.totp_enabled_at IS NOT NULL
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM replaced) $$;

-- Removing a second factor: one's own (the use-case checks it is not required), or an admin's for a person of the
-- agency who belongs to no other agency (a lost phone) — it would weaken another agency's account otherwise. The
-- person's sessions end with it.
CREATE FUNCTION app_remove_totp(p_identity uuid) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH removed AS (
    UPDATE public.identity i
       SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, recovery_code_hashes = '{}',
           session_version = i.session_version + 1
     WHERE i.id = p_identity AND i.totp_enabled_at IS NOT NULL
       AND (p_identity = public.app_identity_id()
            OR (public.app_creditor_id() IS NULL
                AND EXISTS (SELECT 1 FROM public.membership m
                             WHERE m.tenant_id = public.app_tenant_id() AND m.identity_id = p_identity)
                AND NOT EXISTS (SELECT 1 FROM public.membership m
                                 WHERE m.identity_id = p_identity AND m.tenant_id <> public.app_tenant_id())))
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM removed) $$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['app_sign_in_factor(uuid)', 'app_use_totp_step(uuid, bigint)',
                           'app_use_recovery_code(uuid, text)', 'app_enrol_totp(text, bigint, text[])',
                           'app_replace_recovery_codes(text[])', 'app_remove_totp(uuid)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO recouvra_app', f);
  END LOOP;
END $$;
