-- Closing decisions (issue 16): a file closes for a reason from a fixed list, with its evidence, approved by a
-- manager when an agent writes off more than the agency's threshold; the creditor gets a report (and, for an
-- irrecoverable B2B claim, a certificate of irrecoverability for its VAT, CGI art. 272). A closed file can be
-- reopened, with its reason. Decisions and reopenings are history: written once, only a pending decision's outcome
-- is filled in later.

-- The closing report and the certificate are documents of the file, like every letter (declared only here).
ALTER TYPE "DocumentKind" ADD VALUE IF NOT EXISTS 'CLOSING_REPORT';
ALTER TYPE "DocumentKind" ADD VALUE IF NOT EXISTS 'IRRECOVERABILITY_CERTIFICATE';

-- What an agent may write off alone; above it the closing waits for a manager. Set by the agency's managers, so it
-- is a table of its own (the agency row is written by operators only, 20261207032000_people_walls); an agency
-- without a row uses the default of lib/closing/rules.ts (1,000 €).
CREATE TABLE closing_setting (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  approval_threshold_cents bigint NOT NULL CHECK (approval_threshold_cents >= 0),
  updated_by uuid,
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id),
  FOREIGN KEY (tenant_id, updated_by) REFERENCES membership (tenant_id, id)
);

-- A bulk closing (a creditor withdraws a list, a mandate ends): the files it was asked to close and how far it got.
CREATE TABLE closing_batch (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  creditor_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('WITHDRAWN', 'MANDATE_ENDED')),
  note text,
  file_ids uuid[] NOT NULL,
  status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'DONE')),
  closed int NOT NULL DEFAULT 0,
  skipped int NOT NULL DEFAULT 0,
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  finished_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id)
);
CREATE INDEX closing_batch_created_idx ON closing_batch (tenant_id, created_at DESC);

CREATE TABLE file_closing (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('PAID', 'SETTLED', 'PLAN_COMPLETED', 'INSOLVENCY_NO_ASSETS',
    'DECEASED_NO_ESTATE', 'UNTRACEABLE', 'TIME_BARRED', 'UNECONOMIC', 'WITHDRAWN', 'MANDATE_ENDED')),
  -- PENDING: an agent's closing above the threshold, waiting for a manager; CLOSED; REFUSED by the manager.
  status text NOT NULL CHECK (status IN ('PENDING', 'CLOSED', 'REFUSED')),
  status_from "FileStatus" NOT NULL,
  status_to "FileStatus" NOT NULL,
  -- What the file still owed when the decision was asked for (written off, unless paid), and what was collected.
  owed_cents bigint NOT NULL,
  collected_cents bigint NOT NULL,
  currency char(3) NOT NULL,
  note text,
  -- The evidence (the creditor's written agreement to a settlement, a liquidation judgment, a search report).
  evidence_name text,
  evidence_key text,
  evidence_sha256 text,
  evidence_size int,
  -- The VAT rate of the invoices, for the certificate of irrecoverability (basis points; 2000 = 20 %).
  vat_rate_bps int NOT NULL DEFAULT 2000 CHECK (vat_rate_bps BETWEEN 0 AND 10000),
  batch_id uuid,
  requested_by uuid,
  requested_at timestamptz(6) NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz(6),
  decision_note text,
  report_document_id uuid,
  certificate_document_id uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES closing_batch (tenant_id, id),
  FOREIGN KEY (tenant_id, report_document_id) REFERENCES document (tenant_id, id),
  FOREIGN KEY (tenant_id, certificate_document_id) REFERENCES document (tenant_id, id)
);
CREATE INDEX file_closing_file_idx ON file_closing (tenant_id, file_id, requested_at DESC);
-- One decision waiting per file.
CREATE UNIQUE INDEX file_closing_pending_key ON file_closing (tenant_id, file_id) WHERE status = 'PENDING';
CREATE INDEX file_closing_pending_idx ON file_closing (tenant_id, requested_at) WHERE status = 'PENDING';

CREATE TABLE file_reopening (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  closing_id uuid,
  reason text NOT NULL CHECK (reason IN ('NEW_PAYMENT', 'DEBTOR_FOUND')),
  note text NOT NULL,
  status_from "FileStatus" NOT NULL,
  reopened_by uuid,
  reopened_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, closing_id) REFERENCES file_closing (tenant_id, id)
);
CREATE INDEX file_reopening_file_idx ON file_reopening (tenant_id, file_id, reopened_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['closing_setting', 'closing_batch', 'file_closing', 'file_reopening'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
  -- A creditor's users read the decisions on their own files (the report is theirs), never another creditor's.
  FOREACH t IN ARRAY ARRAY['file_closing', 'file_reopening'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
                   'OR EXISTS (SELECT 1 FROM case_file f WHERE f.tenant_id = %I.tenant_id AND f.id = %I.file_id '
                   'AND f.creditor_id = (SELECT app_creditor_id())))', t, t, t);
  END LOOP;
  -- The agency's own threshold: nothing for a creditor's users.
  EXECUTE 'CREATE POLICY creditor_scope ON closing_setting AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL)';
  EXECUTE 'CREATE POLICY creditor_scope ON closing_batch AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
          'OR creditor_id = (SELECT app_creditor_id()))';
END $$;

GRANT SELECT, INSERT, UPDATE ON closing_setting TO recouvra_app;
GRANT SELECT, INSERT ON closing_batch, file_closing, file_reopening TO recouvra_app;
-- A pending decision gets its outcome once; the documents are attached when they are made; a batch counts its way.
GRANT UPDATE (status, decided_by, decided_at, decision_note, report_document_id, certificate_document_id)
  ON file_closing TO recouvra_app;
GRANT UPDATE (status, closed, skipped, finished_at) ON closing_batch TO recouvra_app;
