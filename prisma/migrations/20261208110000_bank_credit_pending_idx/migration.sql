-- The scenario engine asks, before every step of every file, whether a doubtful bank credit names that file among
-- its candidates (guard BANK_CREDIT_PENDING, lib/scenarios/step-facts.ts):
--   bank_entry.status = 'DOUBTFUL' AND match -> 'candidates' @> '[{"fileId": "<file>"}]'
-- Nothing indexed the candidates, so each step read every waiting credit of the agency (bank_entry_open_idx) and
-- tested its JSON. A GIN index over the candidates of doubtful credits answers it by the file's id; it stays small,
-- since a credit leaves it once an agent decides.
CREATE INDEX bank_entry_doubtful_candidates_idx ON bank_entry
  USING gin ((match -> 'candidates') jsonb_path_ops)
  WHERE status = 'DOUBTFUL';
