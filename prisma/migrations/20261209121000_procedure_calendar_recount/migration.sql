-- Procedures started before their court's calendar was recorded (20261208124000_procedure_calendar) took the
-- metropolitan one by default: a debtor in Metz or Fort-de-France had its deadlines counted without Good Friday,
-- 26 December or the abolition day (CPC 642). Those still running are marked here and recounted by
-- lib/judicial/recount-court-calendars.ts (the worker runs it when it starts: the holidays are computed in code,
-- decision 0004): the court's calendar from the debtor's address, each open deadline counted again from the step
-- that opened it, its agenda task moved with it. Procedures started since chose their calendar when they started.
ALTER TABLE judicial_procedure ADD COLUMN calendar_recount boolean NOT NULL DEFAULT false;

UPDATE judicial_procedure SET calendar_recount = true
 WHERE ended_on IS NULL
   AND created_at < coalesce((SELECT finished_at FROM _prisma_migrations
                               WHERE migration_name = '20261208124000_procedure_calendar'), '-infinity');

CREATE INDEX judicial_procedure_calendar_recount_idx ON judicial_procedure (tenant_id) WHERE calendar_recount;

-- The recount runs as the application role (the worker). A deadline's day and a procedure's calendar are otherwise
-- fixed once written: the database lets them change only on a procedure marked for the recount, and the mark only be
-- cleared, never set again.
GRANT UPDATE (holiday_region, calendar_recount) ON judicial_procedure TO recouvra_app;
GRANT UPDATE (due_on) ON judicial_deadline TO recouvra_app;

CREATE FUNCTION judicial_calendar_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'judicial_procedure' THEN
    IF NEW.calendar_recount AND NOT OLD.calendar_recount THEN
      RAISE EXCEPTION 'a procedure is marked for a calendar recount by migration only' USING ERRCODE = '42501';
    END IF;
    IF NEW.holiday_region IS DISTINCT FROM OLD.holiday_region AND NOT OLD.calendar_recount THEN
      RAISE EXCEPTION 'a procedure keeps the calendar it started with' USING ERRCODE = '42501';
    END IF;
  ELSIF NEW.due_on IS DISTINCT FROM OLD.due_on AND NOT EXISTS (
      SELECT 1 FROM judicial_procedure p
       WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.procedure_id AND p.calendar_recount) THEN
    RAISE EXCEPTION 'a deadline keeps its day unless its procedure is recounted' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER judicial_procedure_calendar_guard BEFORE UPDATE ON judicial_procedure
  FOR EACH ROW EXECUTE FUNCTION judicial_calendar_guard();
CREATE TRIGGER judicial_deadline_calendar_guard BEFORE UPDATE ON judicial_deadline
  FOR EACH ROW EXECUTE FUNCTION judicial_calendar_guard();
