-- Issue 14: a claim cancelled by a credit note (or withdrawn after an upheld dispute) keeps its line at principal 0
-- (lib/cases/correct-claim.ts); every live claim still owes something.
ALTER TABLE claim DROP CONSTRAINT claim_principal_cents_check;
ALTER TABLE claim ADD CONSTRAINT claim_principal_cents_check
  CHECK (principal_cents > 0 OR (principal_cents = 0 AND cancelled_at IS NOT NULL));
