-- An admin enters the next half-year's legal rates and each new ECB rate on the rate page (issue 14). The
-- tables are the same for every agency, so the web role may append to them and nothing more: no UPDATE, no
-- DELETE (a published rate is never rewritten), and each insert must continue the series where it stops.
GRANT INSERT (country, valid_from, valid_to, individual_bps, other_bps, decided_on, published_ref) ON legal_rate
  TO recouvra_app;
GRANT INSERT (kind, valid_from, rate_bps, decided_on, published_ref) ON reference_rate TO recouvra_app;
GRANT USAGE ON SEQUENCE legal_rate_id_seq, reference_rate_id_seq TO recouvra_app;

-- The lock serialises two admins entering at once; the statement after it reads what the first committed.
CREATE FUNCTION legal_rate_continues_series() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_to date;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('legal_rate'));
  SELECT max(valid_to) INTO last_to FROM legal_rate WHERE country = NEW.country;
  IF last_to IS NOT NULL AND NEW.valid_from <> last_to + 1 THEN
    RAISE EXCEPTION 'legal_rate % does not follow the last half-year (ending %)', NEW.valid_from, last_to
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER legal_rate_continues_series BEFORE INSERT ON legal_rate
  FOR EACH ROW EXECUTE FUNCTION legal_rate_continues_series();

CREATE FUNCTION reference_rate_continues_series() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_from date;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('reference_rate'));
  SELECT max(valid_from) INTO last_from FROM reference_rate WHERE kind = NEW.kind;
  IF last_from IS NOT NULL AND NEW.valid_from <= last_from THEN
    RAISE EXCEPTION 'reference_rate % is not after the last row (%)', NEW.valid_from, last_from
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reference_rate_continues_series BEFORE INSERT ON reference_rate
  FOR EACH ROW EXECUTE FUNCTION reference_rate_continues_series();
