-- Partners and hand-over (issue 16): the agency's commissaires de justice and lawyers, the packs handed to them
-- (one ZIP: the dossier, the claim's documents, the history, the amounts), what they report and invoice, and the
-- costs the agency advances on a file, charged to the creditor.

-- The hand-over pack is a document of the file; e-mailed to the partner through the outbox like any attachment.
ALTER TYPE "DocumentKind" ADD VALUE IF NOT EXISTS 'HANDOVER_PACK';
-- A message to a partner is no contact with the debtor (like a creditor's): its own audience.
ALTER TABLE outbound_message DROP CONSTRAINT outbound_message_audience_check;
ALTER TABLE outbound_message ADD CONSTRAINT outbound_message_audience_check
  CHECK (audience IN ('DEBTOR', 'CREDITOR', 'PARTNER'));

CREATE TABLE partner (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('COMMISSAIRE_DE_JUSTICE', 'LAWYER')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- The courts whose area the partner covers (« Tribunal judiciaire de Lyon »), and département numbers to match.
  court_area text NOT NULL,
  departments text[] NOT NULL DEFAULT '{}',
  email text NOT NULL,
  phone text,
  address text,
  -- What the partner charges, as agreed (tarif réglementé for a commissaire's acts, a lawyer's fee agreement).
  fee_terms text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email)
);

-- What was handed to a partner, when, by whom, and how (the pack's contents listed, its hash kept).
CREATE TABLE handover (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  partner_id uuid NOT NULL,
  document_id uuid NOT NULL,
  message_id uuid,
  contents jsonb NOT NULL,
  note text,
  sent_by uuid,
  sent_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partner (tenant_id, id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES outbound_message (tenant_id, id)
);
CREATE INDEX handover_file_idx ON handover (tenant_id, file_id, sent_at DESC);

-- A partner's report or invoice logged on the file; an invoice's amount becomes a cost of the file.
CREATE TABLE partner_record (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  partner_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('REPORT', 'INVOICE')),
  received_on date NOT NULL,
  reference text,
  note text,
  amount_cents bigint CHECK (amount_cents > 0),
  recorded_by uuid,
  recorded_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partner (tenant_id, id),
  CHECK (kind = 'REPORT' OR amount_cents IS NOT NULL)
);
CREATE INDEX partner_record_file_idx ON partner_record (tenant_id, file_id, received_on DESC);

-- Costs the agency advanced on a file (a partner's invoice, court fees), charged to the file's creditor.
CREATE TABLE file_cost (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  creditor_id uuid NOT NULL,
  partner_record_id uuid,
  label text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  currency char(3) NOT NULL DEFAULT 'EUR',
  incurred_on date NOT NULL,
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, partner_record_id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_record_id) REFERENCES partner_record (tenant_id, id)
);
CREATE INDEX file_cost_file_idx ON file_cost (tenant_id, file_id, incurred_on);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['partner', 'handover', 'partner_record', 'file_cost'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
  -- The agency's directory and what it hands over are its own business: nothing for a creditor's users.
  FOREACH t IN ARRAY ARRAY['partner', 'handover', 'partner_record'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL)', t);
  END LOOP;
  -- The costs charged to a creditor are shown to that creditor (its closing report lists them).
  EXECUTE 'CREATE POLICY creditor_scope ON file_cost AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
          'OR creditor_id = (SELECT app_creditor_id()))';
END $$;

GRANT SELECT, INSERT ON partner, handover, partner_record, file_cost TO recouvra_app;
GRANT UPDATE (kind, name, court_area, departments, email, phone, address, fee_terms, active, updated_at)
  ON partner TO recouvra_app;
