-- Receipts are issued, not only downloadable (CPCE R124-6: the agency gives the debtor a receipt for every
-- payment), and the creditor is told of every payment, even partial, except the instalments of a plan it already
-- knows (R124-5). Issue 14.

-- The receipt becomes a document of the file: e-mailed (attached to an outbox message) or posted (a print run takes
-- it, like a letter). ADD VALUE is not used in this transaction, only declared.
ALTER TYPE "DocumentKind" ADD VALUE IF NOT EXISTS 'RECEIPT';

-- An e-mail may carry one stored document as its attachment (the receipt's PDF).
ALTER TABLE outbound_message ADD COLUMN document_id uuid;
ALTER TABLE outbound_message ADD CONSTRAINT outbound_message_document_fkey
  FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id);

-- The capture server keeps the names of the attachments it received (comma-separated), so a test sees them.
ALTER TABLE captured_mail ADD COLUMN attachments text NOT NULL DEFAULT '';

-- Which receipt went where, when and how: one row per payment, written with the payment.
CREATE TABLE receipt_issue (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL,
  file_id uuid NOT NULL,
  -- EMAIL: sent through the outbox; POST: waiting for (then in) a print run; NONE: no usable e-mail or address.
  channel text NOT NULL CHECK (channel IN ('EMAIL', 'POST', 'NONE')),
  recipient text,
  document_id uuid,
  message_id uuid,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, payment_id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES outbound_message (tenant_id, id)
);
CREATE INDEX receipt_issue_file_idx ON receipt_issue (tenant_id, file_id);

-- What the creditor is told: a payment on one of its files. The portal lists them; the daily digest e-mails the
-- creditor's users the ones not digested yet and stamps them.
CREATE TABLE creditor_notification (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  creditor_id uuid NOT NULL,
  file_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  amount_cents bigint NOT NULL,
  currency char(3) NOT NULL,
  received_on date NOT NULL,
  remaining_cents bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  digested_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, payment_id),
  FOREIGN KEY (tenant_id, creditor_id) REFERENCES creditor (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id)
);
CREATE INDEX creditor_notification_creditor_idx ON creditor_notification (tenant_id, creditor_id, created_at DESC);
CREATE INDEX creditor_notification_pending_idx ON creditor_notification (tenant_id, creditor_id)
  WHERE digested_at IS NULL;

ALTER TABLE receipt_issue ENABLE ROW LEVEL SECURITY;
ALTER TABLE receipt_issue FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON receipt_issue
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON receipt_issue AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = receipt_issue.tenant_id AND f.id = receipt_issue.file_id
       AND f.creditor_id = (SELECT app_creditor_id())));

ALTER TABLE creditor_notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE creditor_notification FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON creditor_notification
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
-- A creditor's users see their own creditor's notifications, never another's.
CREATE POLICY creditor_scope ON creditor_notification AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR creditor_id = (SELECT app_creditor_id()));

-- Written with the payment; the digest stamps digested_at and nothing else.
GRANT SELECT, INSERT ON receipt_issue TO recouvra_app;
GRANT SELECT, INSERT ON creditor_notification TO recouvra_app;
GRANT UPDATE (digested_at) ON creditor_notification TO recouvra_app;
