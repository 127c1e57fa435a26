-- Issue 14: limitation (prescription) per claim, with its legal basis and the events that move it.
--
-- claim.limitation_basis: the rule that sets the period (lib/compliance/limitation.ts cites each article:
-- C. conso. L218-2, C. com. L110-4, C. civ. 2224, C. com. L133-6, loi 89-462 art. 7-1, C. conso. R312-35,
-- CPCE L111-4). claim.limitation_starts_on: the day the period runs from (the due date, or the title's date for a
-- court decision). claim.limitation_on: the last day the claim can be pursued, recomputed whenever an event is
-- recorded (NULL while a suspension is under way: its end, hence the date, is not known yet).
-- case_file.limitation_on becomes the latest of its claims' dates: the day the whole file is time-barred.

CREATE TYPE "LimitationBasis" AS ENUM ('CONSUMER', 'COMMERCIAL', 'CIVIL', 'TRANSPORT', 'RESIDENTIAL_RENT',
                                       'CONSUMER_CREDIT', 'COURT_TITLE');
CREATE TYPE "LimitationEventKind" AS ENUM ('PAYMENT', 'PLAN_AGREED', 'WRITTEN_ACKNOWLEDGMENT', 'COURT_ACTION',
                                           'SUSPENSION');

-- The period of each basis, in years, for the SQL writers; lib/compliance/limitation.ts LIMITATION_RULES is the
-- reference and tests/integration/claim-limitation.test.ts checks the two agree.
CREATE FUNCTION limitation_years(basis "LimitationBasis") RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE basis WHEN 'CONSUMER' THEN 2 WHEN 'COMMERCIAL' THEN 5 WHEN 'CIVIL' THEN 5 WHEN 'TRANSPORT' THEN 1
                    WHEN 'RESIDENTIAL_RENT' THEN 3 WHEN 'CONSUMER_CREDIT' THEN 2 WHEN 'COURT_TITLE' THEN 10 END
$$;
-- The default basis from a nature: B2B → commercial (L110-4), consumer → L218-2, civil → 2224.
CREATE FUNCTION default_limitation_basis(nature "ClaimNature") RETURNS "LimitationBasis" LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE nature WHEN 'B2B' THEN 'COMMERCIAL' WHEN 'CONSUMER' THEN 'CONSUMER' ELSE 'CIVIL' END::"LimitationBasis"
$$;

-- Existing claims take the basis of their own nature (20261207110000_claim_terms gave each claim one), written out
-- rather than left to a default.
ALTER TABLE claim ADD COLUMN limitation_basis "LimitationBasis";
ALTER TABLE claim ADD COLUMN limitation_starts_on date;
ALTER TABLE claim ADD COLUMN limitation_on date;
UPDATE claim
   SET limitation_basis = default_limitation_basis(nature),
       limitation_starts_on = due_on,
       limitation_on = (due_on + make_interval(years => limitation_years(default_limitation_basis(nature))))::date;
ALTER TABLE claim ALTER COLUMN limitation_basis SET NOT NULL;
ALTER TABLE claim ALTER COLUMN limitation_starts_on SET NOT NULL;

-- A claim inserted one by one (API, tests, demo) without its dates gets the defaults: the basis from its nature,
-- the period from its due date, no event yet. The import merge runs with triggers off and writes the same three
-- columns itself (lib/imports/pipeline/merge.ts).
CREATE FUNCTION claim_limitation_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.limitation_basis := coalesce(NEW.limitation_basis, default_limitation_basis(NEW.nature));
  NEW.limitation_starts_on := coalesce(NEW.limitation_starts_on, NEW.due_on);
  NEW.limitation_on := coalesce(NEW.limitation_on,
    (NEW.limitation_starts_on + make_interval(years => limitation_years(NEW.limitation_basis)))::date);
  RETURN NEW;
END $$;
CREATE TRIGGER claim_limitation_defaults BEFORE INSERT ON claim
  FOR EACH ROW EXECUTE FUNCTION claim_limitation_defaults();

UPDATE case_file f SET limitation_on = t.last_on
  FROM (SELECT tenant_id, file_id, max(limitation_on) AS last_on FROM claim GROUP BY tenant_id, file_id) t
 WHERE f.tenant_id = t.tenant_id AND f.id = t.file_id AND f.limitation_on IS DISTINCT FROM t.last_on;

-- What interrupted or suspended a claim's period, one row per claim (append-only, like payments). An
-- acknowledgment covers the claims it names: a payment the claims it was allocated to, a plan every claim of its
-- file. payment_id / plan_id say which record it came from; a reversed payment's event no longer counts.
CREATE TABLE limitation_event (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  claim_id uuid NOT NULL,
  kind "LimitationEventKind" NOT NULL,
  occurred_on date NOT NULL,
  ends_on date,
  payment_id uuid,
  plan_id uuid,
  recorded_by uuid,
  recorded_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, claim_id) REFERENCES claim (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES payment_plan (tenant_id, id),
  CHECK (ends_on IS NULL OR (kind = 'SUSPENSION' AND ends_on >= occurred_on))
);
CREATE INDEX limitation_event_tenant_id_file_id_idx ON limitation_event (tenant_id, file_id);

ALTER TABLE limitation_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE limitation_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON limitation_event USING (tenant_id = (SELECT app_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON limitation_event AS RESTRICTIVE
  USING ((SELECT app_creditor_id()) IS NULL OR EXISTS (
    SELECT 1 FROM case_file f WHERE f.tenant_id = limitation_event.tenant_id AND f.id = limitation_event.file_id
       AND f.creditor_id = (SELECT app_creditor_id())));
-- A suspension's end is written once it is known (the only update).
GRANT SELECT, INSERT ON limitation_event TO recouvra_app;
GRANT UPDATE (ends_on) ON limitation_event TO recouvra_app;
