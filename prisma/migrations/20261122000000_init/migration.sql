-- Data model v1. Hand-written (Prisma's schema engine cannot be downloaded here); schema-drift.test.ts
-- compares the resulting catalog with prisma/schema.prisma.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The application connects as recouvra_app: it owns nothing and has no BYPASSRLS, so FORCE ROW LEVEL
-- SECURITY applies to every query it makes (ARCHITECTURE.md rule 2). No password here: `npm run setup` sets one.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recouvra_app') THEN
    CREATE ROLE recouvra_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGER', 'AGENT', 'CREDITOR');
CREATE TYPE "DebtorKind" AS ENUM ('PERSON', 'COMPANY');
CREATE TYPE "ContactKind" AS ENUM ('ADDRESS', 'PHONE', 'EMAIL');
CREATE TYPE "ContactStatus" AS ENUM ('UNVERIFIED', 'VALID', 'WRONG_NUMBER', 'RETURNED_MAIL', 'DO_NOT_CONTACT');
CREATE TYPE "FilePhase" AS ENUM ('INTAKE', 'AMICABLE', 'JUDICIAL', 'CLOSED');
CREATE TYPE "FileStatus" AS ENUM ('NEW', 'IN_PROGRESS', 'PROMISE', 'PAYMENT_PLAN', 'DISPUTED', 'SUSPENDED',
  'AWAITING_JUDICIAL', 'PAID', 'IRRECOVERABLE', 'WITHDRAWN');
CREATE TYPE "MandateScope" AS ENUM ('AMICABLE', 'AMICABLE_AND_JUDICIAL');

CREATE SEQUENCE case_file_reference_seq;

-- Global by design ---------------------------------------------------------------------------------------
CREATE TABLE agency (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  legal_name text NOT NULL,
  siren text CHECK (siren ~ '^[0-9]{9}$'),
  address text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Europe/Paris',
  created_at timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE identity (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash text NOT NULL,
  name text NOT NULL,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  created_at timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE legal_rate (
  id serial PRIMARY KEY,
  country char(2) NOT NULL DEFAULT 'FR',
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  individual_bps integer NOT NULL CHECK (individual_bps >= 0),
  other_bps integer NOT NULL CHECK (other_bps >= 0),
  CHECK (valid_to >= valid_from),
  UNIQUE (country, valid_from)
);

-- Tenant tables ------------------------------------------------------------------------------------------
CREATE TABLE creditor (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9_-]{2,32}$'),
  name text NOT NULL,
  siren text CHECK (siren ~ '^[0-9]{9}$'),
  address text NOT NULL,
  postcode text NOT NULL,
  city text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE membership (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  identity_id uuid NOT NULL REFERENCES identity (id),
  role "Role" NOT NULL,
  creditor_id uuid,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, identity_id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  -- a creditor user belongs to exactly one creditor; agency staff to none
  CHECK ((role = 'CREDITOR') = (creditor_id IS NOT NULL))
);
CREATE INDEX membership_identity_id_idx ON membership (identity_id);

CREATE TABLE mandate (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  creditor_id uuid NOT NULL,
  reference text NOT NULL,
  scope "MandateScope" NOT NULL,
  starts_on date NOT NULL,
  ends_on date,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reference),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX mandate_tenant_id_creditor_id_idx ON mandate (tenant_id, creditor_id);

CREATE TABLE debtor (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind "DebtorKind" NOT NULL,
  first_name text,
  last_name text,
  company_name text,
  siren text CHECK (siren ~ '^[0-9]{9}$'),
  siret text CHECK (siret ~ '^[0-9]{14}$' AND left(siret, 9) = siren),
  display_name text NOT NULL,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK (kind = 'COMPANY' AND company_name IS NOT NULL
      OR kind = 'PERSON' AND last_name IS NOT NULL AND siren IS NULL)
);
CREATE INDEX debtor_tenant_id_siren_idx ON debtor (tenant_id, siren);
CREATE INDEX debtor_display_name_trgm_idx ON debtor USING gin (display_name gin_trgm_ops);

CREATE TABLE contact_point (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  debtor_id uuid NOT NULL,
  kind "ContactKind" NOT NULL,
  label text,
  line1 text,
  line2 text,
  postcode text,
  city text,
  country text DEFAULT 'FR',
  phone text,
  email text,
  status "ContactStatus" NOT NULL DEFAULT 'UNVERIFIED',
  source text NOT NULL DEFAULT 'creditor',
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id),
  CHECK (kind = 'ADDRESS' AND line1 IS NOT NULL AND postcode IS NOT NULL AND city IS NOT NULL
      OR kind = 'PHONE' AND phone IS NOT NULL
      OR kind = 'EMAIL' AND email IS NOT NULL)
);
CREATE INDEX contact_point_tenant_id_debtor_id_idx ON contact_point (tenant_id, debtor_id);

CREATE TABLE case_file (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  reference text NOT NULL DEFAULT ('D' || lpad(nextval('case_file_reference_seq')::text, 7, '0')),
  creditor_id uuid NOT NULL,
  debtor_id uuid NOT NULL,
  mandate_id uuid NOT NULL,
  assignee_id uuid,
  phase "FilePhase" NOT NULL DEFAULT 'INTAKE',
  status "FileStatus" NOT NULL DEFAULT 'NEW',
  currency char(3) NOT NULL DEFAULT 'EUR',
  principal_cents bigint NOT NULL DEFAULT 0,
  oldest_due_on date,
  placed_at timestamptz(6) NOT NULL DEFAULT now(),
  closed_at timestamptz(6),
  version integer NOT NULL DEFAULT 0,
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reference),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, debtor_id) REFERENCES debtor (tenant_id, id),
  FOREIGN KEY (tenant_id, mandate_id) REFERENCES mandate (tenant_id, id),
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES membership (tenant_id, id)
);
CREATE INDEX case_file_tenant_id_creditor_id_idx ON case_file (tenant_id, creditor_id);
CREATE INDEX case_file_tenant_id_debtor_id_idx ON case_file (tenant_id, debtor_id);
CREATE INDEX case_file_tenant_id_principal_cents_idx ON case_file (tenant_id, principal_cents);
CREATE INDEX case_file_tenant_id_oldest_due_on_idx ON case_file (tenant_id, oldest_due_on);

CREATE TABLE claim (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  invoice_number text NOT NULL CHECK (length(invoice_number) BETWEEN 1 AND 64),
  issued_on date NOT NULL,
  due_on date NOT NULL,
  principal_cents bigint NOT NULL CHECK (principal_cents > 0),
  currency char(3) NOT NULL DEFAULT 'EUR',
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, creditor_id, invoice_number),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  CHECK (due_on >= issued_on)
);
CREATE INDEX claim_tenant_id_file_id_idx ON claim (tenant_id, file_id);
CREATE INDEX claim_invoice_number_trgm_idx ON claim USING gin (invoice_number gin_trgm_ops);

CREATE TABLE activity (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  actor_id uuid,
  kind text NOT NULL,
  summary text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX activity_tenant_id_file_id_occurred_at_idx ON activity (tenant_id, file_id, occurred_at);

CREATE TABLE audit_log (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  actor_id uuid,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_tenant_id_occurred_at_idx ON audit_log (tenant_id, occurred_at);

-- A file's totals follow its claims, whoever writes them (use-case, import, seed).
CREATE FUNCTION case_file_refresh_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_file f
     SET principal_cents = t.total, oldest_due_on = t.oldest
    FROM (SELECT coalesce(sum(principal_cents), 0) AS total, min(due_on) AS oldest
            FROM claim WHERE tenant_id = NEW.tenant_id AND file_id = NEW.file_id) t
   WHERE f.tenant_id = NEW.tenant_id AND f.id = NEW.file_id;
  RETURN NULL;
END $$;
CREATE TRIGGER claim_refresh_file_totals AFTER INSERT OR UPDATE OF principal_cents, due_on ON claim
  FOR EACH ROW EXECUTE FUNCTION case_file_refresh_totals();

-- Row-level security -------------------------------------------------------------------------------------
-- nullif(): after a transaction-local set_config ends, the setting reads '' (not NULL) on that connection.
CREATE FUNCTION app_tenant_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
CREATE FUNCTION app_creditor_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.creditor_id', true), '')::uuid $$;
CREATE FUNCTION app_identity_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.identity_id', true), '')::uuid $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['creditor', 'membership', 'mandate', 'debtor', 'contact_point', 'case_file', 'claim',
                           'activity', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
END $$;

-- Sign-in happens before a tenant is chosen: an identity may read its own memberships in every agency.
CREATE POLICY own_memberships ON membership FOR SELECT USING (identity_id = (SELECT app_identity_id()));

-- A creditor's users see only that creditor's rows (second wall; queries filter on creditor_id too).
CREATE POLICY creditor_scope ON creditor AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR id = (SELECT app_creditor_id()));
CREATE POLICY creditor_scope ON mandate AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()));
CREATE POLICY creditor_scope ON case_file AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()));
CREATE POLICY creditor_scope ON claim AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()));
CREATE POLICY creditor_scope ON debtor AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = debtor.tenant_id AND f.debtor_id = debtor.id
       AND f.creditor_id = (SELECT app_creditor_id())));
CREATE POLICY creditor_scope ON contact_point AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = contact_point.tenant_id AND f.debtor_id = contact_point.debtor_id
       AND f.creditor_id = (SELECT app_creditor_id())));
CREATE POLICY creditor_scope ON activity AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = activity.tenant_id AND f.id = activity.file_id
       AND f.creditor_id = (SELECT app_creditor_id())));

-- Privileges: append-only history is enforced by what the role may do, not by convention.
GRANT USAGE ON SCHEMA public TO recouvra_app;
GRANT SELECT ON agency, identity, legal_rate TO recouvra_app;
GRANT UPDATE (password_hash, name, locale) ON identity TO recouvra_app;
GRANT SELECT, INSERT, UPDATE ON creditor, membership, mandate, debtor, contact_point, case_file, claim TO recouvra_app;
GRANT SELECT, INSERT ON activity, audit_log TO recouvra_app;
GRANT USAGE ON SEQUENCE case_file_reference_seq TO recouvra_app;

-- Legal interest rates (arrêtés of December 2024 and June 2025), in basis points.
INSERT INTO legal_rate (country, valid_from, valid_to, individual_bps, other_bps) VALUES
  ('FR', '2025-01-01', '2025-06-30', 721, 371),
  ('FR', '2025-07-01', '2025-12-31', 665, 276);
