-- A plan in force is confirmed to the debtor in writing (issue 17: "plan letter issued"), like a receipt: the letter
-- becomes a document of the file, e-mailed (attached to an outbox message) or posted by the next print run.
-- ADD VALUE is not used in this transaction, only declared.
ALTER TYPE "DocumentKind" ADD VALUE IF NOT EXISTS 'PLAN_LETTER';
