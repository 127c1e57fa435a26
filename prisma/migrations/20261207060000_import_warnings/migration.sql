-- Rows an import took in spite of an identifier that did not check out (a SIREN's check digit, an e-mail, a
-- phone): the claim is placed, the identifier is left out of the debtor, and the warning keeps the value and
-- says why, for the agent to verify on the file and for the creditor in the import's report (issue 14).
CREATE TABLE import_warning (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  import_id uuid NOT NULL,
  row_number integer NOT NULL,
  file_id uuid NOT NULL,
  -- RowIssue[] (lib/i18n/message-ref.ts): field, the creditor's header for it, catalogue key and values.
  issues jsonb NOT NULL,
  PRIMARY KEY (tenant_id, import_id, row_number),
  FOREIGN KEY (tenant_id, import_id) REFERENCES import_batch (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX import_warning_file_idx ON import_warning (tenant_id, file_id);

ALTER TABLE import_warning ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_warning FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_warning
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
-- Like import_rejection, it follows its import: a creditor sees the warnings of its own imports only.
CREATE POLICY creditor_scope ON import_warning AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM import_batch b WHERE b.tenant_id = import_warning.tenant_id AND b.id = import_warning.import_id
       AND b.creditor_id = (SELECT app_creditor_id())));

-- Written by the import merge in its transaction, never changed afterwards.
GRANT SELECT, INSERT ON import_warning TO recouvra_app;
