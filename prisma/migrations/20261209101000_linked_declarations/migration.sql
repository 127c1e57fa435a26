-- Issue 14, decision 0021: a supplementary (complémentaire) or corrective (rectificative) declaration is a declaration
-- of its own, linked to the creditor's first one in the same proceedings, with its own amounts and its own PDF: what
-- was sent to the mandataire is never edited. Filed within the declaration period, or after it under an order
-- relieving the creditor of the foreclosure (relevé de forclusion, C. com. L622-26), whose day it records.

CREATE TYPE "DeclarationKind" AS ENUM (
  'INITIAL',        -- the creditor's declaration of its claims (L622-24)
  'SUPPLEMENTARY',  -- claims the earlier declarations did not contain
  'CORRECTIVE'      -- restates the amount of claims already declared
);

ALTER TABLE claim_declaration ADD COLUMN kind "DeclarationKind";
-- Every declaration filed so far was a creditor's first and only one (the code refused a second).
UPDATE claim_declaration SET kind = 'INITIAL';
ALTER TABLE claim_declaration ALTER COLUMN kind SET NOT NULL;
ALTER TABLE claim_declaration ALTER COLUMN kind SET DEFAULT 'INITIAL';

-- The first declaration a linked one adds to or corrects, in the same proceedings.
ALTER TABLE claim_declaration ADD COLUMN amends_id uuid;
ALTER TABLE claim_declaration
  ADD CONSTRAINT claim_declaration_amends_fkey FOREIGN KEY (tenant_id, amends_id, company_event_id)
    REFERENCES claim_declaration (tenant_id, id, company_event_id),
  ADD CONSTRAINT claim_declaration_amends CHECK ((kind = 'INITIAL') = (amends_id IS NULL));
-- The day of the juge-commissaire's order relieving the creditor of the foreclosure, for one filed after the deadline.
ALTER TABLE claim_declaration ADD COLUMN relief_on date;
CREATE INDEX claim_declaration_amends_idx ON claim_declaration (tenant_id, amends_id) WHERE amends_id IS NOT NULL;

-- Still one first declaration per creditor and proceedings (and per file it was filed from); linked ones may follow.
ALTER TABLE claim_declaration DROP CONSTRAINT claim_declaration_creditor_event_key;
CREATE UNIQUE INDEX claim_declaration_creditor_event_key ON claim_declaration (tenant_id, creditor_id, company_event_id)
  WHERE kind = 'INITIAL';
ALTER TABLE claim_declaration DROP CONSTRAINT claim_declaration_tenant_id_file_id_company_event_id_key;
CREATE UNIQUE INDEX claim_declaration_file_event_key ON claim_declaration (tenant_id, file_id, company_event_id)
  WHERE kind = 'INITIAL';
-- A corrective declaration may bring a claim down to nothing (a credited invoice): it states zero.
ALTER TABLE claim_declaration DROP CONSTRAINT claim_declaration_declared_cents_check;
ALTER TABLE claim_declaration
  ADD CONSTRAINT claim_declaration_declared_cents_check CHECK (declared_cents > 0 OR (kind = 'CORRECTIVE' AND declared_cents = 0));

-- A file is covered by its creditor's first declaration and by the linked ones that add to or correct it: the file
-- key becomes the declaration's (the primary key); the first declaration's uniqueness per creditor keeps one first
-- declaration per file.
ALTER TABLE claim_declaration_file DROP CONSTRAINT claim_declaration_file_tenant_id_file_id_company_event_id_key;
CREATE INDEX claim_declaration_file_file_idx ON claim_declaration_file (tenant_id, file_id, company_event_id);
ALTER TABLE claim_declaration_file DROP CONSTRAINT claim_declaration_file_declared_cents_check;
ALTER TABLE claim_declaration_file ADD CONSTRAINT claim_declaration_file_declared_cents_check CHECK (declared_cents >= 0);
