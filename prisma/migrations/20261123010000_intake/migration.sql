-- Creditor intake: mandate terms (CPCE R124-3), receivable imports, creditor API keys, idempotent API calls.

CREATE TYPE "RemittanceFrequency" AS ENUM ('WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY');
CREATE TYPE "ImportSource" AS ENUM ('UPLOAD', 'API', 'CLI');
CREATE TYPE "ImportStatus" AS ENUM ('UPLOADED', 'PREVIEWING', 'PREVIEWED', 'QUEUED', 'RUNNING', 'DONE', 'FAILED', 'REFUSED');

-- Existing mandates get the most common terms; agencies edit them afterwards.
ALTER TABLE mandate
  ADD COLUMN commission_amicable_bps integer NOT NULL DEFAULT 1500 CHECK (commission_amicable_bps BETWEEN 0 AND 10000),
  ADD COLUMN commission_judicial_bps integer CHECK (commission_judicial_bps BETWEEN 0 AND 10000),
  ADD COLUMN fixed_fee_cents bigint NOT NULL DEFAULT 0 CHECK (fixed_fee_cents >= 0),
  ADD COLUMN guarantee_reference text NOT NULL DEFAULT '',
  ADD COLUMN remittance_frequency "RemittanceFrequency" NOT NULL DEFAULT 'MONTHLY',
  ADD COLUMN remittance_deadline_days integer NOT NULL DEFAULT 30 CHECK (remittance_deadline_days BETWEEN 1 AND 31),
  ADD COLUMN document_name text,
  ADD COLUMN document_key text,
  ADD COLUMN document_sha256 text,
  ADD COLUMN updated_at timestamptz(6) NOT NULL DEFAULT now();

-- How a debtor is recognised across imports: SIREN for companies, normalised name + postcode for persons.
ALTER TABLE debtor
  ADD COLUMN match_key text,
  ADD COLUMN match_email text;
UPDATE debtor SET match_key = CASE WHEN kind = 'COMPANY' AND siren IS NOT NULL THEN 'S:' || siren END;
CREATE INDEX debtor_tenant_id_match_key_idx ON debtor (tenant_id, match_key);

ALTER TABLE claim ADD COLUMN import_id uuid;

CREATE TABLE import_mapping (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  creditor_id uuid NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, creditor_id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id)
);

CREATE TABLE import_batch (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  creditor_id uuid NOT NULL,
  created_by uuid,
  source "ImportSource" NOT NULL,
  status "ImportStatus" NOT NULL DEFAULT 'UPLOADED',
  file_name text NOT NULL,
  file_key text,
  file_size bigint NOT NULL DEFAULT 0,
  file_sha256 text,
  format text,
  mapping jsonb,
  counts jsonb,
  error text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  finished_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES membership (tenant_id, id)
);
CREATE INDEX import_batch_tenant_id_creditor_id_created_at_idx ON import_batch (tenant_id, creditor_id, created_at);

ALTER TABLE claim ADD FOREIGN KEY (tenant_id, import_id) REFERENCES import_batch (tenant_id, id);

-- Rows refused by an import, with the reason; written in the same transaction as the accepted rows.
CREATE TABLE import_rejection (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  import_id uuid NOT NULL,
  row_number integer NOT NULL,
  reason text NOT NULL,
  raw jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, import_id, row_number),
  FOREIGN KEY (tenant_id, import_id) REFERENCES import_batch (tenant_id, id)
);

-- A creditor system's key for POST /api/intake/claims (rcv_<agency slug>_<prefix>_<secret>): only a SHA-256
-- of the secret is kept; the slug in the key gives the tenant before any tenant table is read.
CREATE TABLE creditor_api_key (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  creditor_id uuid NOT NULL,
  prefix text NOT NULL,
  secret_sha256 text NOT NULL,
  label text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  revoked_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, prefix),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id)
);

-- Replays of an API call with the same Idempotency-Key get the first answer back.
CREATE TABLE idempotency_record (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  creditor_id uuid NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_sha256 text NOT NULL,
  status integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, creditor_id, key),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id)
);

-- File totals follow claims once per statement, not once per row: a 100,000-row import updates each file once.
DROP TRIGGER claim_refresh_file_totals ON claim;
DROP FUNCTION case_file_refresh_totals();
CREATE FUNCTION case_file_refresh_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_file f
     SET principal_cents = t.total, oldest_due_on = t.oldest
    FROM (SELECT c.tenant_id, c.file_id, sum(c.principal_cents) AS total, min(c.due_on) AS oldest
            FROM claim c
           WHERE (c.tenant_id, c.file_id) IN (SELECT DISTINCT tenant_id, file_id FROM changed_claims)
           GROUP BY c.tenant_id, c.file_id) t
   WHERE f.tenant_id = t.tenant_id AND f.id = t.file_id;
  RETURN NULL;
END $$;
CREATE TRIGGER claim_refresh_file_totals_ins AFTER INSERT ON claim
  REFERENCING NEW TABLE AS changed_claims FOR EACH STATEMENT EXECUTE FUNCTION case_file_refresh_totals();
CREATE TRIGGER claim_refresh_file_totals_upd AFTER UPDATE ON claim
  REFERENCING NEW TABLE AS changed_claims FOR EACH STATEMENT EXECUTE FUNCTION case_file_refresh_totals();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['import_mapping', 'import_batch', 'import_rejection', 'creditor_api_key',
                           'idempotency_record'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['import_mapping', 'import_batch', 'creditor_api_key', 'idempotency_record'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE '
                   'USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()))', t);
  END LOOP;
END $$;
-- import_rejection has no creditor_id: it follows its import.
CREATE POLICY creditor_scope ON import_rejection AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM import_batch b WHERE b.tenant_id = import_rejection.tenant_id AND b.id = import_rejection.import_id
       AND b.creditor_id = (SELECT app_creditor_id())));

GRANT SELECT, INSERT, UPDATE ON import_mapping, import_batch, creditor_api_key TO recouvra_app;
GRANT SELECT, INSERT ON import_rejection, idempotency_record TO recouvra_app;
GRANT UPDATE (revoked_at) ON creditor_api_key TO recouvra_app;
