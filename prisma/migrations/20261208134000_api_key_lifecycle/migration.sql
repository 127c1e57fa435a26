-- Creditor API keys managed by people (issue 18): who made a key, when it stops working, when it was last used, who
-- revoked it. Made from the agency's admin pages or by a creditor's user on its portal (row security already keeps
-- a creditor's user to its own creditor's keys).
ALTER TABLE creditor_api_key
  ADD COLUMN expires_at timestamptz(6),
  -- Written at most once a minute by the intake API (no write per request).
  ADD COLUMN last_used_at timestamptz(6),
  ADD COLUMN created_by uuid,
  ADD COLUMN revoked_by uuid,
  ADD CONSTRAINT creditor_api_key_created_by_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES membership (tenant_id, id),
  ADD CONSTRAINT creditor_api_key_revoked_by_fkey FOREIGN KEY (tenant_id, revoked_by) REFERENCES membership (tenant_id, id),
  ADD CONSTRAINT creditor_api_key_expiry CHECK (expires_at IS NULL OR expires_at > created_at),
  ADD CONSTRAINT creditor_api_key_label CHECK (length(label) BETWEEN 1 AND 100);
GRANT UPDATE (last_used_at, revoked_by) ON creditor_api_key TO recouvra_app;
