-- The claim declaration is kept as it was issued (issue 14): its PDF is stored as a document of the file when the
-- declaration is filed, so what went to the mandataire judiciaire can be shown later unchanged, whatever happened to
-- the claims, the payments or the parties' addresses since. Declarations filed before this have none and are drawn
-- on demand, as they were.
ALTER TYPE "DocumentKind" ADD VALUE IF NOT EXISTS 'CLAIM_DECLARATION';

ALTER TABLE claim_declaration
  ADD COLUMN document_id uuid,
  ADD CONSTRAINT claim_declaration_document_fkey FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id);
