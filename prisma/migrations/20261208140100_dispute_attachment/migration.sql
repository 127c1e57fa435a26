-- A debtor's evidence for a dispute opened on their page (issue 17): PDF, JPEG or PNG, recognised by their content
-- (lib/debtor-page/attachments.ts), stored like the other documents (lib/storage); the bytes never sit in the
-- database. The agent answering the dispute reads them; so do the users of the file's own creditor.
CREATE TABLE dispute_attachment (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL,
  file_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 4194304),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, dispute_id) REFERENCES dispute (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX dispute_attachment_dispute_idx ON dispute_attachment (tenant_id, dispute_id);
CREATE INDEX dispute_attachment_file_idx ON dispute_attachment (tenant_id, file_id);

ALTER TABLE dispute_attachment ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_attachment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dispute_attachment
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON dispute_attachment AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = dispute_attachment.tenant_id AND f.id = dispute_attachment.file_id
       AND f.creditor_id = (SELECT app_creditor_id())));

-- Evidence is kept as it came: written once with the dispute, never changed.
GRANT SELECT, INSERT ON dispute_attachment TO recouvra_app;
