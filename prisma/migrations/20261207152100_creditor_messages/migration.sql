-- Issue 14 (CPCE R124-5): the creditor is told of a plan awaiting its approval by e-mail, through the same outbox
-- as the debtor's messages (one row per creditor user, sent by the notifications worker after COMMIT).
--
-- audience says who the message is for. A message to the creditor is no contact with the debtor: the worker neither
-- stamps the file's last contact nor writes an `email.sent` line (which the contact caps and the agents' activity
-- figures count), and checks no debtor contact point. Every row written so far went to a debtor, written out:
ALTER TABLE outbound_message ADD COLUMN audience text;
UPDATE outbound_message SET audience = 'DEBTOR';
ALTER TABLE outbound_message ALTER COLUMN audience SET NOT NULL;
ALTER TABLE outbound_message ALTER COLUMN audience SET DEFAULT 'DEBTOR';
ALTER TABLE outbound_message ADD CONSTRAINT outbound_message_audience_check CHECK (audience IN ('DEBTOR', 'CREDITOR'));
