-- The calendar a procedure's deadlines are counted in (issue 16, CPC 642): the public holidays where its court sits,
-- taken from the debtor's address when the procedure starts (the court of the debtor's domicile, CPC 42 and 1406):
-- Alsace-Moselle adds Good Friday and 26 December, each overseas department and Saint-Barthélemy and Saint-Martin
-- the day they commemorate the abolition of slavery (lib/compliance/holidays.ts). Procedures started before keep
-- the metropolitan calendar they were counted in.
ALTER TABLE judicial_procedure ADD COLUMN holiday_region text NOT NULL DEFAULT 'FR'
  CHECK (holiday_region IN ('FR', 'FR_ALSACE_MOSELLE', 'FR_GUADELOUPE', 'FR_MARTINIQUE', 'FR_GUYANE', 'FR_REUNION',
                            'FR_MAYOTTE', 'FR_SAINT_BARTHELEMY', 'FR_SAINT_MARTIN'));
