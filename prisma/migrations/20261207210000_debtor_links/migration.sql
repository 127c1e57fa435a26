-- The debtor's private link (issue 17): printed on letters and in messages, it opens the debtor's page for one
-- file. Only its SHA-256 is kept, so a copy of the database opens nothing; the page asks a second factor besides.

CREATE TABLE debtor_link (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
  -- What carried it (a letter, an e-mail): kind and id, for the history of who opened what.
  carrier text NOT NULL CHECK (carrier IN ('LETTER', 'EMAIL', 'SMS', 'AGENT')),
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  expires_at timestamptz(6) NOT NULL,
  revoked_at timestamptz(6),
  last_opened_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  CHECK (expires_at > created_at)
);
-- A link arrives before its agency is known: app_debtor_link finds it by hash alone.
CREATE INDEX debtor_link_hash_idx ON debtor_link (token_hash);
CREATE INDEX debtor_link_file_idx ON debtor_link (tenant_id, file_id);

ALTER TABLE debtor_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE debtor_link FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON debtor_link USING (tenant_id = (SELECT app_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()));
-- A creditor's users have no use for a debtor's keys.
CREATE POLICY creditor_scope ON debtor_link AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL);

GRANT SELECT, INSERT ON debtor_link TO recouvra_app;
GRANT UPDATE (revoked_at, last_opened_at) ON debtor_link TO recouvra_app;

-- The one read across agencies: a hash in, the agency and file it opens out (nothing else, and nothing at all for
-- an unknown hash), so the page can then work inside that agency's walls like any request.
CREATE FUNCTION app_debtor_link(p_hash bytea)
  RETURNS TABLE (tenant_id uuid, id uuid, file_id uuid, expires_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS
$$ SELECT l.tenant_id, l.id, l.file_id, l.expires_at, l.revoked_at FROM debtor_link l WHERE l.token_hash = p_hash $$;
REVOKE ALL ON FUNCTION app_debtor_link(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_debtor_link(bytea) TO recouvra_app;

-- A dispute the debtor opened on their page carries the reason they picked from the page's list (an agent's
-- dispute has none: the agent writes down what was said).
ALTER TABLE dispute ADD COLUMN kind text
  CHECK (kind IN ('ALREADY_PAID', 'NOT_THE_DEBTOR', 'AMOUNT_WRONG', 'GOODS_OR_SERVICE', 'OTHER'));
