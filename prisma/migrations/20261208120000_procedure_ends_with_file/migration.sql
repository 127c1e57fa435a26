-- A file that closes ends its running court procedure (issue 16, lib/cases/end-court-procedures.ts): the procedure's
-- outcome is then the closed status — PAID, IRRECOVERABLE or WITHDRAWN — beside the outcomes its own steps give.
ALTER TABLE judicial_procedure DROP CONSTRAINT judicial_procedure_outcome_check;
ALTER TABLE judicial_procedure ADD CONSTRAINT judicial_procedure_outcome_check
  CHECK (outcome IN ('TITLE', 'FAILED', 'LAPSED', 'ABANDONED', 'RELAYED', 'PAID', 'IRRECOVERABLE', 'WITHDRAWN'));
