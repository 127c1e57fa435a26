-- Issue 14: a claim's nature and terms are the claim's, not its debtor's type.
--
-- claim.nature decides the interest (C. com. L441-10 for B2B; legal rate, C. civ. 1231-6 / CMF L313-2, for
-- consumer and civil claims) and the limitation period. It is set at import (a mapped column, else the mandate's
-- default, else the debtor's type as before), and an agent may change it with a reason.
-- claim.contract_rate_bps: the penalty rate the creditor's terms of sale set (B2B; floored at 3 × the legal rate),
-- NULL when the terms set none (then ECB + 10 points). claim.creditor_is_private_individual: the creditor is a
-- natural person not acting for professional needs (CMF L313-2: the higher legal rate). Both are copied from the
-- mandate when the claim is placed, so a later change of the mandate's defaults never re-prices a placed claim.
-- claim.cancelled_at: an invoice cancelled by a credit note (its principal is then 0 and the line stays, for history).

-- Existing claims take their file's nature, written out here rather than left to a column default.
ALTER TABLE claim ADD COLUMN nature "ClaimNature";
UPDATE claim c SET nature = f.nature FROM case_file f WHERE f.tenant_id = c.tenant_id AND f.id = c.file_id;
ALTER TABLE claim ALTER COLUMN nature SET NOT NULL;

-- No claim so far carried a contract rate, and the engine used the "other cases" legal rate for every creditor.
ALTER TABLE claim ADD COLUMN contract_rate_bps integer CHECK (contract_rate_bps BETWEEN 0 AND 10000);
ALTER TABLE claim ADD COLUMN creditor_is_private_individual boolean;
UPDATE claim SET creditor_is_private_individual = false;
ALTER TABLE claim ALTER COLUMN creditor_is_private_individual SET NOT NULL;
ALTER TABLE claim ALTER COLUMN creditor_is_private_individual SET DEFAULT false;
ALTER TABLE claim ADD COLUMN cancelled_at timestamptz(6);

-- The mandate's defaults for the claims placed under it. default_nature NULL: no default, the debtor's type
-- decides (a company owes a B2B claim, a person a consumer one), which is what every existing mandate did.
ALTER TABLE mandate ADD COLUMN default_nature "ClaimNature";
ALTER TABLE mandate ADD COLUMN contract_rate_bps integer CHECK (contract_rate_bps BETWEEN 0 AND 10000);
ALTER TABLE mandate ADD COLUMN creditor_is_private_individual boolean;
UPDATE mandate SET creditor_is_private_individual = false;
ALTER TABLE mandate ALTER COLUMN creditor_is_private_individual SET NOT NULL;
ALTER TABLE mandate ALTER COLUMN creditor_is_private_individual SET DEFAULT false;

-- A file's own nature (scenario rules select on it, lib/scenarios/rules.ts) is derived from its live claims: the
-- most protective one wins — CONSUMER if any claim is a consumer claim, else CIVIL if any is civil, else B2B —
-- so a file holding one consumer claim is never worked with a B2B scenario. The one definition of that rule.
CREATE FUNCTION file_nature(natures "ClaimNature"[]) RETURNS "ClaimNature" LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN 'CONSUMER' = ANY(natures) THEN 'CONSUMER'
              WHEN 'CIVIL' = ANY(natures) THEN 'CIVIL'
              ELSE 'B2B' END::"ClaimNature"
$$;

-- The totals trigger also keeps the file's nature, and leaves cancelled claims out of the oldest due date.
-- A file whose claims are all cancelled keeps the nature it had.
CREATE OR REPLACE FUNCTION case_file_refresh_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_file f
     SET principal_cents = t.total, oldest_due_on = coalesce(t.oldest, f.oldest_due_on),
         nature = coalesce(t.nature, f.nature)
    FROM (SELECT c.tenant_id, c.file_id, sum(c.principal_cents) AS total,
                 min(c.due_on) FILTER (WHERE c.cancelled_at IS NULL) AS oldest,
                 CASE WHEN bool_or(c.cancelled_at IS NULL)
                      THEN file_nature(array_agg(c.nature) FILTER (WHERE c.cancelled_at IS NULL)) END AS nature
            FROM claim c
           WHERE (c.tenant_id, c.file_id) IN (SELECT DISTINCT tenant_id, file_id FROM changed_claims)
           GROUP BY c.tenant_id, c.file_id) t
   WHERE f.tenant_id = t.tenant_id AND f.id = t.file_id;
  RETURN NULL;
END $$;
