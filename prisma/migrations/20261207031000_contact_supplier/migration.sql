-- The agency-wide debtor stays (an import matches it by SIREN, or name and postcode), but what one creditor
-- brought along with its files is that creditor's: a contact point records who supplied it. Null: the agency
-- gathered it (an agent, a search). A creditor's users see only what their creditor supplied; another creditor's
-- files use a supplied point only once an agent has verified it (lib/cases/contact-choice.ts).
ALTER TABLE contact_point ADD COLUMN supplied_by_creditor_id uuid;
ALTER TABLE contact_point ADD CONSTRAINT contact_point_supplier_fkey
  FOREIGN KEY (tenant_id, supplied_by_creditor_id) REFERENCES creditor (tenant_id, id);

-- Existing points. An import wrote a debtor's new contact points and its claims in one transaction: the same
-- created_at (now() is the transaction's start) names the creditor. Other points that came from a creditor
-- belong to the creditor of the debtor's first file.
UPDATE contact_point cp
   SET supplied_by_creditor_id = coalesce(
         (SELECT f.creditor_id FROM case_file f JOIN claim c ON c.tenant_id = f.tenant_id AND c.file_id = f.id
           WHERE f.tenant_id = cp.tenant_id AND f.debtor_id = cp.debtor_id AND c.created_at = cp.created_at LIMIT 1),
         (SELECT f.creditor_id FROM case_file f WHERE f.tenant_id = cp.tenant_id AND f.debtor_id = cp.debtor_id
           ORDER BY f.placed_at, f.id LIMIT 1))
 WHERE cp.source IN ('import', 'creditor');

DROP POLICY creditor_scope ON contact_point;
CREATE POLICY creditor_scope ON contact_point AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR supplied_by_creditor_id = (SELECT app_creditor_id()));
