-- The costs the agency advanced before they reached the books get their entry (apart from the previous migration:
-- a new enum value cannot be used in the transaction that adds it). Dated the day each was incurred.
WITH costs AS (
  SELECT c.tenant_id, c.id AS cost_id, c.file_id, c.creditor_id, c.amount_cents, c.currency, c.incurred_on,
         gen_random_uuid() AS entry_id
    FROM file_cost c
   WHERE c.advanced_by = 'AGENCY' AND c.entry_id IS NULL AND c.amount_cents > 0
), entries AS (
  INSERT INTO journal_entry (tenant_id, id, kind, effective_on, currency, creditor_id, file_id)
  SELECT tenant_id, entry_id, 'JUDICIAL_COST', incurred_on, currency, creditor_id, file_id FROM costs
  RETURNING tenant_id, id
), lines AS (
  INSERT INTO journal_line (tenant_id, entry_id, line_no, account, creditor_id, file_id, amount_cents)
  SELECT c.tenant_id, c.entry_id, l.line_no, l.account, c.creditor_id, c.file_id, l.sign * c.amount_cents
    FROM costs c JOIN entries e ON e.tenant_id = c.tenant_id AND e.id = c.entry_id
   CROSS JOIN (VALUES (0, 'JUDICIAL_COSTS_ADVANCED', 1), (1, 'PARTNERS_PAYABLE', -1)) AS l(line_no, account, sign)
  RETURNING 1
)
-- Every statement of a WITH runs whether its rows are read or not: the lines are written with their entries.
UPDATE file_cost f SET entry_id = c.entry_id
  FROM costs c WHERE f.tenant_id = c.tenant_id AND f.id = c.cost_id;
