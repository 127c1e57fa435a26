-- Judicial costs in the agency's books (issue 16, decision 0023). A partner's invoice on a file — a commissaire de
-- justice's service or enforcement, a lawyer's fees, court fees — is a cost advanced on the creditor's behalf. When the
-- mandate has the agency advance it (mandate.judicial_costs_by = 'AGENCY'), the agency owes the partner and the
-- creditor owes the agency: one entry, recharged to the creditor like commission. When the creditor advances it, the
-- partner bills the creditor and no money of the agency's moves: the cost stays a record on the file.
INSERT INTO ledger_account (code, kind, per_creditor) VALUES
  -- Costs the agency advanced on a creditor's files, owed by that creditor until it pays them or they are set off.
  ('JUDICIAL_COSTS_ADVANCED', 'ASSET', true),
  -- What the agency owes the commissaires de justice and lawyers it instructed, until it pays their invoices.
  ('PARTNERS_PAYABLE', 'LIABILITY', false);
ALTER TYPE "JournalKind" ADD VALUE 'JUDICIAL_COST';

-- Who advanced the cost, the mandate's choice when it was recorded; whether the debtor may be made to bear it (CPCE
-- L111-8: the costs of enforcement under an enforceable title are the debtor's; any other cost of collection stays
-- with the creditor, unless a court awards it — dépens, article 700 — which then is a claim of its own); the entry
-- that posted it.
ALTER TABLE file_cost
  ADD COLUMN advanced_by text NOT NULL DEFAULT 'AGENCY' CHECK (advanced_by IN ('AGENCY', 'CREDITOR')),
  ADD COLUMN recoverable boolean NOT NULL DEFAULT false,
  ADD COLUMN entry_id uuid,
  ADD FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entry (tenant_id, id);
CREATE UNIQUE INDEX file_cost_entry_key ON file_cost (tenant_id, entry_id) WHERE entry_id IS NOT NULL;

-- Costs recorded before: who advanced them, read from the file's mandate as it stands.
UPDATE file_cost c SET advanced_by = m.judicial_costs_by
  FROM case_file f JOIN mandate m ON m.tenant_id = f.tenant_id AND m.id = f.mandate_id
 WHERE f.tenant_id = c.tenant_id AND f.id = c.file_id;
