-- The seat of the court that opened collective proceedings (issue 14, C. com. R622-24 al. 2 and 3). The claim
-- declaration period is two months from the BODACC publication, « augmenté de deux mois » for a creditor who does
-- not live on the territory of the court's seat: metropolitan France for a court seated there, the very department
-- or collectivity for a court seated overseas. The deadline rule compares this seat with the creditor's address
-- (lib/cases/court-seat.ts).

-- Metropolitan France, the overseas departments (Constitution art. 73) and the overseas collectivities (art. 74)
-- that R622-24 al. 3 names. New Caledonia is neither (title XIII): its own commercial law applies there.
CREATE TYPE "CourtSeat" AS ENUM (
  'METROPOLE',
  'GUADELOUPE',
  'MARTINIQUE',
  'GUYANE',
  'REUNION',
  'MAYOTTE',
  'SAINT_PIERRE_ET_MIQUELON',
  'SAINT_BARTHELEMY',
  'SAINT_MARTIN',
  'WALLIS_ET_FUTUNA',
  'POLYNESIE_FRANCAISE'
);

ALTER TABLE company_event ADD COLUMN court_seat "CourtSeat";

-- Every opening judgment recorded so far had its deadline counted as if the court sat in metropolitan France (the
-- rule read the creditor's address only): that is what those rows said, written out rather than left to a default.
UPDATE company_event SET court_seat = 'METROPOLE' WHERE kind IN ('SAFEGUARD', 'RECEIVERSHIP', 'LIQUIDATION');

-- An opening judgment names its court's seat; no other event has one.
ALTER TABLE company_event ADD CONSTRAINT company_event_court_seat CHECK (
  (court_seat IS NOT NULL) = (kind IN ('SAFEGUARD', 'RECEIVERSHIP', 'LIQUIDATION')));
