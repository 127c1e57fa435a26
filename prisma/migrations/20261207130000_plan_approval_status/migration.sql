-- A plan outside the mandate's limits waits for the creditor (CPCE R124-5: the creditor is told of any proposal
-- other than immediate payment, and here decides). Enum values on their own: PostgreSQL lets a new value be used
-- only once the transaction that added it has committed (the next migration uses them).
ALTER TYPE "PlanStatus" ADD VALUE IF NOT EXISTS 'AWAITING_APPROVAL';
ALTER TYPE "PlanStatus" ADD VALUE IF NOT EXISTS 'REFUSED';
