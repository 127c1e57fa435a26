-- Whether an e-mail may be the first letter CPCE R124-4 requires (issue 14). R124-4 says « une lettre »: an e-mail
-- carrying the letter with every mention as its attachment is a choice the creditor's mandate makes, recorded by a
-- manager, not a default. Without it an e-mail step before any letter is skipped (FIRST_LETTER_MISSING), like an SMS;
-- an e-mail beside a letter in the same step goes with it, as before.
ALTER TABLE mandate ADD COLUMN email_first_letter boolean;
-- No mandate recorded that choice so far: each says no, written out rather than left to the column default.
UPDATE mandate SET email_first_letter = false;
ALTER TABLE mandate ALTER COLUMN email_first_letter SET NOT NULL;
ALTER TABLE mandate ALTER COLUMN email_first_letter SET DEFAULT false;
