-- Refusals and rejected rows keep their catalogue keys beside the English text, so the screens and the
-- rejected-rows report show them in the reader's language (French by default).
ALTER TABLE import_batch ADD COLUMN error_ref jsonb;
ALTER TABLE import_rejection ADD COLUMN issues jsonb;
