-- A creditor who approves a plan puts it in force, and the plan's letter goes to the debtor with its private link
-- (lib/payments/issue-plan-letter.ts), in the creditor user's own transaction. The link is written with
-- INSERT … ON CONFLICT, which PostgreSQL checks against the reading policies too: the creditor's wall becomes the one
-- of its neighbours (receipt_issue): its own files' links, never another creditor's. A row holds only a SHA-256 of
-- the token, which opens nothing.
DROP POLICY creditor_scope ON debtor_link;
CREATE POLICY creditor_scope ON debtor_link AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = debtor_link.tenant_id AND f.id = debtor_link.file_id
       AND f.creditor_id = (SELECT app_creditor_id())));
