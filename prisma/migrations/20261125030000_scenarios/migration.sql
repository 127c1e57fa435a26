-- Reminder scenarios: definitions (versioned), the engine's per-file state, exactly-once step executions, and
-- what the steps produce (documents, print runs, outbound e-mail/SMS, escalations). ARCHITECTURE.md rule 6.

CREATE TYPE "ScenarioState" AS ENUM ('RUNNING', 'PAUSED', 'DONE', 'STOPPED');
-- The step kinds of lib/scenarios/guards.ts (StepKind); one step may use several.
CREATE TYPE "StepChannel" AS ENUM ('SIMPLE_LETTER', 'EMAIL', 'SMS', 'CALL_TASK', 'VISIT_TASK', 'REGISTERED_LETTER',
                                   'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING', 'ESCALATE');
-- Postponements are not final and live on the timeline only; a step execution records what was decided for good.
CREATE TYPE "StepOutcome" AS ENUM ('DONE', 'SKIPPED', 'FAILED');
CREATE TYPE "DocumentKind" AS ENUM ('REMINDER_LETTER', 'REGISTERED_LETTER', 'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING',
                                    'DOSSIER');
CREATE TYPE "PrintRunStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED');
CREATE TYPE "MessageChannel" AS ENUM ('EMAIL', 'SMS');
CREATE TYPE "MessageStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'CANCELLED');
CREATE TYPE "EscalationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- Agency settings read by the guards (lib/compliance/contact-window.ts and caps.ts schemas); NULL = defaults.
ALTER TABLE agency
  ADD COLUMN contact_window jsonb,
  ADD COLUMN channel_caps jsonb;

-- The debtor asked not to receive e-mail/SMS on this address or number (guards: OPTED_OUT).
ALTER TABLE contact_point ADD COLUMN opted_out_at timestamptz(6);

CREATE TABLE scenario (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text,
  archived_at timestamptz(6),
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- steps and rules are validated by lib/scenarios/schemas.ts. A version with published_at NULL is a draft that
-- may still change (revision = optimistic lock); once published it never changes (trigger below), so a running
-- file keeps exactly the steps it started with.
CREATE TABLE scenario_version (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  scenario_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  steps jsonb NOT NULL DEFAULT '[]',
  rules jsonb NOT NULL DEFAULT '{}',
  priority integer NOT NULL DEFAULT 0,
  revision integer NOT NULL DEFAULT 0,
  published_at timestamptz(6),
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, scenario_id, version),
  FOREIGN KEY (tenant_id, scenario_id) REFERENCES scenario (tenant_id, id)
);
CREATE INDEX scenario_version_published_idx ON scenario_version (tenant_id, scenario_id, version DESC)
  WHERE published_at IS NOT NULL;

CREATE FUNCTION scenario_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.published_at IS NOT NULL AND (NEW.steps IS DISTINCT FROM OLD.steps OR NEW.rules IS DISTINCT FROM OLD.rules
      OR NEW.priority IS DISTINCT FROM OLD.priority OR NEW.version IS DISTINCT FROM OLD.version
      OR NEW.scenario_id IS DISTINCT FROM OLD.scenario_id OR NEW.published_at IS DISTINCT FROM OLD.published_at) THEN
    RAISE EXCEPTION 'scenario_version % is published and cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER scenario_version_immutable BEFORE UPDATE ON scenario_version
  FOR EACH ROW EXECUTE FUNCTION scenario_version_immutable();

-- One running scenario per file. next_step indexes the version's steps; next_run_at is when it is due.
-- enqueued_at is the sweep's lease: a due row is enqueued again only once the lease has expired, so a job lost
-- with Redis is re-enqueued while a long backlog is not re-added every minute. run counts restarts of the
-- same version on the file, so their execution keys differ.
CREATE TABLE file_scenario (
  tenant_id uuid NOT NULL,
  file_id uuid NOT NULL,
  scenario_version_id uuid NOT NULL,
  run integer NOT NULL DEFAULT 1 CHECK (run >= 1),
  next_step integer NOT NULL DEFAULT 0 CHECK (next_step >= 0),
  next_run_at timestamptz(6),
  state "ScenarioState" NOT NULL DEFAULT 'RUNNING',
  state_reason text,
  enqueued_at timestamptz(6),
  failures integer NOT NULL DEFAULT 0,
  last_step_at timestamptz(6),
  started_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, file_id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, scenario_version_id) REFERENCES scenario_version (tenant_id, id),
  CHECK (state <> 'RUNNING' OR next_run_at IS NOT NULL)
);
-- The sweep reads due rows per agency in next_run_at order.
CREATE INDEX file_scenario_due_idx ON file_scenario (tenant_id, next_run_at) WHERE state = 'RUNNING';
CREATE INDEX file_scenario_version_idx ON file_scenario (tenant_id, scenario_version_id);

CREATE TABLE print_run (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  status "PrintRunStatus" NOT NULL DEFAULT 'PENDING',
  letters integer NOT NULL DEFAULT 0,
  pages integer NOT NULL DEFAULT 0,
  pdf_key text,
  manifest_key text,
  error text,
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  finished_at timestamptz(6),
  PRIMARY KEY (tenant_id, id)
);

-- Every document the agency produced for a file. execution_key ties a scenario-made document to its step;
-- storage_key is derived from it, so a retried step overwrites the same object instead of leaving orphans.
CREATE TABLE document (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  kind "DocumentKind" NOT NULL,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  storage_key text NOT NULL,
  sha256 text,
  pages integer NOT NULL DEFAULT 1 CHECK (pages >= 1),
  reference text NOT NULL,
  registered boolean NOT NULL DEFAULT false,
  tracking_number text,
  sent_on date,
  acknowledged_on date,
  deadline_on date,
  print_run_id uuid,
  execution_key text,
  -- What the letter was drawn from (lib/letters types), so a print run redraws it identically into one PDF.
  letter_data jsonb,
  created_by uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, execution_key, kind),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, print_run_id) REFERENCES print_run (tenant_id, id)
);
CREATE INDEX document_tenant_id_file_id_idx ON document (tenant_id, file_id, created_at);
-- The next print run gathers the letters nobody has printed yet.
CREATE INDEX document_unprinted_idx ON document (tenant_id, created_at)
  WHERE print_run_id IS NULL AND kind <> 'DOSSIER';
CREATE INDEX document_tracking_idx ON document (tenant_id, tracking_number) WHERE tracking_number IS NOT NULL;

-- Outbox: written in the step's transaction, delivered by the messages/send job, which marks it SENT. The
-- execution key becomes the e-mail's Message-ID, so a resend after a crash is recognisable downstream.
CREATE TABLE outbound_message (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  channel "MessageChannel" NOT NULL,
  recipient text NOT NULL,
  contact_point_id uuid,
  locale text NOT NULL DEFAULT 'fr',
  subject text,
  body text NOT NULL,
  execution_key text NOT NULL,
  status "MessageStatus" NOT NULL DEFAULT 'PENDING',
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  provider_ref text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  sent_at timestamptz(6),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, execution_key, channel),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id)
);
CREATE INDEX outbound_message_pending_idx ON outbound_message (tenant_id, created_at) WHERE status = 'PENDING';
CREATE INDEX outbound_message_tenant_id_file_id_idx ON outbound_message (tenant_id, file_id);

-- One row per step and channel, written in the transaction that produces the effect: the exactly-once key.
-- execution_key is '<tenant>:<file>:<scenario_version>:<step>' (plus ':r<run>' from the second run on).
CREATE TABLE step_execution (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  scenario_version_id uuid NOT NULL,
  step_index integer NOT NULL,
  channel "StepChannel" NOT NULL,
  execution_key text NOT NULL,
  status "StepOutcome" NOT NULL,
  reason text,
  document_id uuid,
  message_id uuid,
  task_id uuid,
  executed_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, execution_key, channel),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, scenario_version_id) REFERENCES scenario_version (tenant_id, id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES outbound_message (tenant_id, id),
  FOREIGN KEY (tenant_id, task_id) REFERENCES task (tenant_id, id)
);
CREATE INDEX step_execution_tenant_id_file_id_idx ON step_execution (tenant_id, file_id, executed_at);

-- A file handed to a manager after the pre-judicial warning's deadline (one pending decision per file).
CREATE TABLE escalation (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  dossier_document_id uuid,
  status "EscalationStatus" NOT NULL DEFAULT 'PENDING',
  execution_key text,
  decided_by uuid,
  decided_at timestamptz(6),
  decision_note text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, execution_key),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, dossier_document_id) REFERENCES document (tenant_id, id)
);
CREATE UNIQUE INDEX escalation_one_pending_idx ON escalation (tenant_id, file_id) WHERE status = 'PENDING';

-- What the local capture SMTP server (tests and demo) received. The tenant comes from the message's
-- X-Recouvra-Tenant header, so an agency's admin sees only its own mail.
CREATE TABLE captured_mail (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  message_id text,
  sender text,
  recipients text NOT NULL DEFAULT '',
  subject text,
  text_body text,
  size integer NOT NULL DEFAULT 0,
  received_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX captured_mail_received_idx ON captured_mail (tenant_id, received_at DESC);
CREATE INDEX captured_mail_message_id_idx ON captured_mail (tenant_id, message_id);

-- The default SMS transport's record of what it "sent" (lib/sms/transport.ts).
CREATE TABLE sms_log (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  message_key text NOT NULL,
  recipient text NOT NULL,
  body text NOT NULL,
  recorded_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX sms_log_recorded_idx ON sms_log (tenant_id, recorded_at DESC);

-- Row-level security, as for every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['scenario', 'scenario_version', 'file_scenario', 'print_run', 'document',
                           'outbound_message', 'step_execution', 'escalation', 'captured_mail', 'sms_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_tenant_id())) '
                   'WITH CHECK (tenant_id = (SELECT app_tenant_id()))', t);
  END LOOP;
  -- A creditor's users see the documents, messages and steps of their own files only.
  FOREACH t IN ARRAY ARRAY['file_scenario', 'document', 'outbound_message', 'step_execution', 'escalation'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL '
                   'OR EXISTS (SELECT 1 FROM case_file f WHERE f.tenant_id = %I.tenant_id AND f.id = %I.file_id '
                   'AND f.creditor_id = (SELECT app_creditor_id())))', t, t, t);
  END LOOP;
  -- Agency-wide tables: nothing for a creditor's users.
  FOREACH t IN ARRAY ARRAY['scenario', 'scenario_version', 'print_run', 'captured_mail', 'sms_log'] LOOP
    EXECUTE format('CREATE POLICY creditor_scope ON %I AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL)', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON scenario, scenario_version, file_scenario, print_run, document, outbound_message,
  escalation TO recouvra_app;
-- Append-only: what was executed, captured or recorded is never rewritten.
GRANT SELECT, INSERT ON step_execution, captured_mail, sms_log TO recouvra_app;
GRANT UPDATE (contact_window, channel_caps) ON agency TO recouvra_app;
