-- A bulk closing tells the creditor once, when it is done (issue 16): one e-mail per creditor user listing the files
-- closed, stamped here in the transaction that sends it, so a retried job never sends it twice.
ALTER TABLE closing_batch ADD COLUMN digested_at timestamptz(6);
GRANT UPDATE (digested_at) ON closing_batch TO recouvra_app;
