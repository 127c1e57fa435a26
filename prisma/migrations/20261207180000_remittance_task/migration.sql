-- Issue 15: the daily R124-6 look opens a task when a creditor's oldest funds held are 20 days old. Declared alone:
-- a value added to an enum cannot be used in the transaction that adds it.
ALTER TYPE "TaskKind" ADD VALUE IF NOT EXISTS 'REMITTANCE_DUE';
