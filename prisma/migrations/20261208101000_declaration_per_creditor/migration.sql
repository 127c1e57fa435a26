-- One claim declaration per creditor and proceedings (issue 14): a creditor with several files against the same
-- debtor declares all its claims born before the opening judgment in one document, with one deadline (C. com.
-- L622-24: « tous les créanciers ... adressent la déclaration de leurs créances »), not one declaration per file.
-- The declaration names its creditor; the files it covers, with each file's share, are listed beside it.

ALTER TABLE claim_declaration ADD COLUMN creditor_id uuid;
UPDATE claim_declaration d SET creditor_id = f.creditor_id
  FROM case_file f WHERE f.tenant_id = d.tenant_id AND f.id = d.file_id;
ALTER TABLE claim_declaration ALTER COLUMN creditor_id SET NOT NULL;
ALTER TABLE claim_declaration
  ADD CONSTRAINT claim_declaration_creditor_fkey FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id);

-- Declarations exist since 20261207170000, one per file. Two files of one creditor declared separately in the same
-- proceedings cannot be merged by a migration (each was sent to the mandataire as it was): say so, rather than fail
-- on the unique index below with a bare violation.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM claim_declaration GROUP BY tenant_id, creditor_id, company_event_id HAVING count(*) > 1) THEN
    RAISE EXCEPTION 'claim_declaration: a creditor holds several declarations in the same proceedings; merge them first';
  END IF;
END $$;
ALTER TABLE claim_declaration
  ADD CONSTRAINT claim_declaration_creditor_event_key UNIQUE (tenant_id, creditor_id, company_event_id),
  -- The key the files below reference, so a file's row names the same proceedings as its declaration.
  ADD CONSTRAINT claim_declaration_event_key UNIQUE (tenant_id, id, company_event_id);
-- claim_declaration.file_id stays: the file the declaration was filed from (its reference heads the letter).

-- The files a declaration covers, with what each one's claims amounted to on the judgment day.
CREATE TABLE claim_declaration_file (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  declaration_id uuid NOT NULL,
  file_id uuid NOT NULL,
  company_event_id uuid NOT NULL,
  declared_cents bigint NOT NULL CHECK (declared_cents > 0),
  to_fall_due_cents bigint NOT NULL DEFAULT 0 CHECK (to_fall_due_cents >= 0 AND to_fall_due_cents <= declared_cents),
  PRIMARY KEY (tenant_id, declaration_id, file_id),
  -- A file is declared once in given proceedings.
  UNIQUE (tenant_id, file_id, company_event_id),
  FOREIGN KEY (tenant_id, declaration_id, company_event_id)
    REFERENCES claim_declaration (tenant_id, id, company_event_id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);

INSERT INTO claim_declaration_file (tenant_id, declaration_id, file_id, company_event_id, declared_cents,
                                    to_fall_due_cents)
SELECT tenant_id, id, file_id, company_event_id, declared_cents, to_fall_due_cents FROM claim_declaration;

ALTER TABLE claim_declaration_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE claim_declaration_file FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON claim_declaration_file
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON claim_declaration_file AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = claim_declaration_file.tenant_id
       AND f.id = claim_declaration_file.file_id AND f.creditor_id = (SELECT app_creditor_id())));

GRANT SELECT, INSERT ON claim_declaration_file TO recouvra_app;
