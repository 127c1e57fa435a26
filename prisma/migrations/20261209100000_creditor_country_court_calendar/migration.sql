-- Issue 14, decision 0021. Two inputs of the claim declaration deadline that were guessed until now.

-- 1. Where the creditor lives (C. com. R622-24 al. 2 and 3: « les créanciers qui ne demeurent pas sur ce territoire »
-- get two more months). The address had no country, so a foreign five-digit postcode read as metropolitan France.
-- ISO 3166-1 alpha-2; the overseas departments and collectivities may be written FR (with their postcode) or with their
-- own code (GP, MQ, GF, RE, YT, PM, BL, MF, WF, PF), as La Poste accepts both (lib/cases/court-seat.ts).
ALTER TABLE creditor ADD COLUMN country text;
-- Every creditor recorded so far was read as French by the deadline rule (its postcode only): written out as such.
UPDATE creditor SET country = 'FR';
ALTER TABLE creditor ALTER COLUMN country SET NOT NULL;
-- A creditor created without one is French: the shorter period, the side a missed deadline cannot come from.
ALTER TABLE creditor ALTER COLUMN country SET DEFAULT 'FR';
ALTER TABLE creditor ADD CONSTRAINT creditor_country CHECK (country ~ '^[A-Z]{2}$');

-- 2. The calendar the declaration deadline is counted in (CPC 642: a period ending on a holiday runs to the next working
-- day): the court's, not the agency's. A court seated overseas keeps its department's or collectivity's holidays; a
-- metropolitan court in Bas-Rhin, Haut-Rhin or Moselle those of Alsace-Moselle. Recorded with the opening judgment,
-- from its seat and the debtor's address (the court of the debtor's seat opens the proceedings, R600-1), so a later
-- change of address does not move a deadline.
ALTER TABLE company_event ADD COLUMN holiday_region text
  CHECK (holiday_region IN ('FR', 'FR_ALSACE_MOSELLE', 'FR_GUADELOUPE', 'FR_MARTINIQUE', 'FR_GUYANE', 'FR_REUNION',
                            'FR_MAYOTTE', 'FR_SAINT_BARTHELEMY', 'FR_SAINT_MARTIN'));

-- The rule of lib/cases/court-calendar.ts (proceedingsCalendar with debtorSeatAddress), for the rows recorded before
-- and for a row written without the use-case (an import, a hand-written INSERT): the seat's calendar; for a
-- metropolitan seat, Alsace-Moselle when the debtor's address (a valid one first, then the latest) lies there.
CREATE FUNCTION court_calendar(p_tenant uuid, p_debtor uuid, p_seat "CourtSeat") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE p_seat::text
           WHEN 'GUADELOUPE' THEN 'FR_GUADELOUPE'
           WHEN 'MARTINIQUE' THEN 'FR_MARTINIQUE'
           WHEN 'GUYANE' THEN 'FR_GUYANE'
           WHEN 'REUNION' THEN 'FR_REUNION'
           WHEN 'MAYOTTE' THEN 'FR_MAYOTTE'
           WHEN 'SAINT_BARTHELEMY' THEN 'FR_SAINT_BARTHELEMY'
           WHEN 'SAINT_MARTIN' THEN 'FR_SAINT_MARTIN'
           WHEN 'METROPOLE' THEN
             CASE WHEN (SELECT upper(coalesce(trim(cp.country), '')) IN ('', 'FR', 'FRA', 'FRANCE')
                               AND replace(coalesce(cp.postcode, ''), ' ', '') ~ '^(57|67|68)[0-9]{3}$'
                          FROM contact_point cp
                         WHERE cp.tenant_id = p_tenant AND cp.debtor_id = p_debtor AND cp.kind = 'ADDRESS'
                         ORDER BY (cp.status = 'VALID') DESC, cp.created_at DESC
                         LIMIT 1)
                  THEN 'FR_ALSACE_MOSELLE' ELSE 'FR' END
           -- Saint-Pierre-et-Miquelon, Wallis-et-Futuna, French Polynesia: their local days are not in the calendar.
           ELSE 'FR'
         END
$$;

UPDATE company_event SET holiday_region = court_calendar(tenant_id, debtor_id, court_seat) WHERE court_seat IS NOT NULL;

CREATE FUNCTION company_event_calendar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.court_seat IS NOT NULL AND NEW.holiday_region IS NULL THEN
    NEW.holiday_region := court_calendar(NEW.tenant_id, NEW.debtor_id, NEW.court_seat);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER company_event_calendar BEFORE INSERT ON company_event
  FOR EACH ROW EXECUTE FUNCTION company_event_calendar();

ALTER TABLE company_event ADD CONSTRAINT company_event_holiday_region CHECK (
  (holiday_region IS NOT NULL) = (court_seat IS NOT NULL));
