-- Staff management (issue 18): an admin invites a person by e-mail. The person may be new (an identity is made,
-- with no usable password, and a one-week link to choose one: password_reset, purpose 'invite') or already have an
-- account with another agency (a membership only: that person's password is not this agency's to set). The web role
-- cannot read other agencies' people, so this function does the lookup and answers only what this agency may know:
-- the new membership, and whether a link was made. Role changes and deactivation are plain membership updates under
-- row security.
CREATE FUNCTION app_invite_member(p_email text, p_name text, p_locale text, p_role "Role", p_creditor uuid,
                                  p_token_sha256 text)
  RETURNS TABLE (membership_id uuid, invited boolean)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_tenant uuid := public.app_tenant_id();
  v_identity uuid;
  v_new boolean := false;
  v_membership uuid;
BEGIN
  -- The agency's staff only: a transaction serving an agency, not a creditor's user.
  IF v_tenant IS NULL OR public.app_creditor_id() IS NOT NULL THEN
    RAISE EXCEPTION 'inviting needs an agency transaction' USING ERRCODE = '42501';
  END IF;
  SELECT i.id INTO v_identity FROM public.identity i WHERE i.email = p_email;
  IF v_identity IS NULL THEN
    -- '!' is no Argon2 hash: nothing signs in with it until the invitation's link sets one.
    INSERT INTO public.identity (email, password_hash, name, locale)
    VALUES (p_email, '!invited', p_name, p_locale) RETURNING id INTO v_identity;
    v_new := true;
  END IF;
  INSERT INTO public.membership (tenant_id, identity_id, role, creditor_id)
  VALUES (v_tenant, v_identity, p_role, p_creditor)
  ON CONFLICT (tenant_id, identity_id) DO NOTHING
  RETURNING id INTO v_membership;
  IF v_membership IS NULL THEN RETURN; END IF;
  IF v_new THEN
    INSERT INTO public.password_reset (identity_id, token_sha256, expires_at, purpose)
    VALUES (v_identity, p_token_sha256, now() + interval '7 days', 'invite');
  END IF;
  RETURN QUERY SELECT v_membership, v_new;
END $$;
REVOKE ALL ON FUNCTION app_invite_member(text, text, text, "Role", uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_invite_member(text, text, text, "Role", uuid, text) TO recouvra_app;
