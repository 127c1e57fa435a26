-- Dates that count (issue 14). A letter's date is the day it was posted, not the day the engine drew it: the
-- print run records the day the mailing house (or the agency) posted it, and every letter of the run takes that
-- day as its sent_on. A registered letter also keeps the day La Poste first presented it when the tracking file
-- gives it: a formal notice takes effect from that first presentation (C. civ. 1344: "une interpellation
-- suffisante", for a LRAR read by the courts as its first presentation), and the deadlines it gives count from it.
ALTER TABLE print_run ADD COLUMN posted_on date, ADD COLUMN posted_by uuid;
ALTER TABLE document ADD COLUMN first_presented_on date;
ALTER TABLE document ADD CONSTRAINT document_presented_after_posting
  CHECK (first_presented_on IS NULL OR sent_on IS NULL OR first_presented_on >= sent_on);
