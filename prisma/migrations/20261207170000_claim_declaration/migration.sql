-- Claim declarations in collective proceedings (issue 14, issue 16 « Déclaration de créance »): the mandataire
-- judiciaire the opening judgment names, the declaration filed with him, its outcome, and the dividends paid on it.

-- The mandataire judiciaire (or liquidator) the judgment appointed, as the BODACC notice names him: the declaration
-- is addressed to him (C. com. L622-24, R622-21).
ALTER TABLE company_event
  ADD COLUMN administrator_name text,
  ADD COLUMN administrator_street text,
  ADD COLUMN administrator_postcode text,
  ADD COLUMN administrator_city text,
  ADD CONSTRAINT company_event_administrator_whole CHECK (
    (administrator_name IS NULL) = (administrator_street IS NULL)
    AND (administrator_name IS NULL) = (administrator_postcode IS NULL)
    AND (administrator_name IS NULL) = (administrator_city IS NULL));

-- The security a declared claim carries (L622-25: « la nature du privilège ou de la sûreté »).
CREATE TYPE "ClaimSecurity" AS ENUM (
  'NONE',               -- chirographaire
  'RETENTION_OF_TITLE', -- clause de réserve de propriété (L624-16)
  'GENERAL_PRIVILEGE',  -- privilège général (e.g. Trésor, sécurité sociale)
  'SPECIAL_PRIVILEGE',  -- privilège spécial mobilier or immobilier
  'PLEDGE',             -- gage, nantissement
  'MORTGAGE',           -- hypothèque
  'GUARANTEE'           -- cautionnement, garantie autonome
);

CREATE TYPE "DeclarationStatus" AS ENUM (
  'FILED',          -- sent to the mandataire judiciaire
  'ADMITTED',       -- admitted in full by the juge-commissaire
  'PART_ADMITTED',  -- admitted for less than declared
  'CONTESTED',      -- contested by the mandataire (L622-27): the creditor has 30 days to answer
  'REJECTED'        -- rejected
);

CREATE TABLE claim_declaration (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  company_event_id uuid NOT NULL,
  filed_on date NOT NULL,
  -- The day the creditor gave its written special power to declare (a mandatary who is no lawyer needs one, given
  -- before the deadline: Cour de cassation, assemblée plénière), printed on the declaration.
  power_on date NOT NULL,
  declared_cents bigint NOT NULL CHECK (declared_cents > 0),
  to_fall_due_cents bigint NOT NULL DEFAULT 0 CHECK (to_fall_due_cents >= 0),
  security "ClaimSecurity" NOT NULL DEFAULT 'NONE',
  -- What the security is, as the agent typed it (the deed, its date, the asset).
  security_detail text,
  status "DeclarationStatus" NOT NULL DEFAULT 'FILED',
  admitted_cents bigint CHECK (admitted_cents >= 0),
  decided_on date,
  filed_by uuid,
  filed_at timestamptz(6) NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  -- One declaration per file and proceedings: a conversion to liquidation opens no new declaration.
  UNIQUE (tenant_id, file_id, company_event_id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, company_event_id) REFERENCES company_event (tenant_id, id),
  CHECK ((status IN ('ADMITTED', 'PART_ADMITTED')) = (admitted_cents IS NOT NULL)),
  CHECK ((status = 'FILED') = (decided_on IS NULL))
);

-- Which payments are dividends on which declaration.
CREATE TABLE declaration_dividend (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  declaration_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, payment_id),
  FOREIGN KEY (tenant_id, declaration_id) REFERENCES claim_declaration (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id)
);
CREATE INDEX declaration_dividend_declaration_idx ON declaration_dividend (tenant_id, declaration_id);

ALTER TABLE claim_declaration ENABLE ROW LEVEL SECURITY;
ALTER TABLE claim_declaration FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON claim_declaration
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON claim_declaration AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = claim_declaration.tenant_id AND f.id = claim_declaration.file_id
       AND f.creditor_id = (SELECT app_creditor_id())));

ALTER TABLE declaration_dividend ENABLE ROW LEVEL SECURITY;
ALTER TABLE declaration_dividend FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON declaration_dividend
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON declaration_dividend AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM claim_declaration d JOIN case_file f ON f.tenant_id = d.tenant_id AND f.id = d.file_id
     WHERE d.tenant_id = declaration_dividend.tenant_id AND d.id = declaration_dividend.declaration_id
       AND f.creditor_id = (SELECT app_creditor_id())));

GRANT SELECT, INSERT ON claim_declaration, declaration_dividend TO recouvra_app;
-- The outcome is written once the juge-commissaire decides (or the mandataire contests); the filing never changes.
GRANT UPDATE (status, admitted_cents, decided_on, decided_by, decided_at) ON claim_declaration TO recouvra_app;
