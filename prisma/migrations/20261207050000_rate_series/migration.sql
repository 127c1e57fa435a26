-- The rate tables as complete series, each row with where it comes from (issue 14, "Rates as data").
-- Claims up to five years old (ten under a court title) need rates back to 2015; before this migration the
-- legal rate started in 2024 and the ECB rate in September 2023, and the engine silently stood the first row in
-- for everything earlier.
--
-- Every figure below was checked on 2026-12-07 against a copy of its publication found with the project's
-- search tool. The legal-rate arrêtés were read through their reproduction (Direction générale du Trésor's
-- rate page, Légifrance-derived sites, professional notes quoting the arrêté); the ECB rates through the ECB's
-- "Key ECB interest rates" table (as mirrored on www.ecb.europa.eu/stats/policy_and_exchange_rates/
-- key_ecb_interest_rates, Banque de France "policy rates" and Banka Slovenije "ECB interest rates") and the
-- Governing Council press releases. Where a detail could not be confirmed the comment says so.

-- Where a row comes from: the arrêté (legal rate) or the Governing Council decision (ECB), and the official
-- reference that finds it (NOR, Journal officiel issue, ECB press release). A date and an identifier, never
-- a sentence: the rate page renders them through the message catalogue.
ALTER TABLE legal_rate
  ADD COLUMN decided_on date,
  ADD COLUMN published_ref text CHECK (published_ref ~ '^[A-Za-z0-9 °./:;_-]{1,80}$'),
  -- A legal rate is set for a calendar half-year (Code monétaire et financier L313-2): 1 January to 30 June,
  -- 1 July to 31 December. With this and UNIQUE (country, valid_from) two rows can never overlap.
  ADD CONSTRAINT legal_rate_half_year CHECK (
    to_char(valid_from, 'MM-DD') IN ('01-01', '07-01')
    AND valid_to = (valid_from + interval '6 months' - interval '1 day')::date),
  ADD CONSTRAINT legal_rate_bps_range CHECK (individual_bps <= 5000 AND other_bps <= 5000);
ALTER TABLE reference_rate
  ADD COLUMN decided_on date,
  ADD COLUMN published_ref text CHECK (published_ref ~ '^[A-Za-z0-9 °./:;_-]{1,80}$'),
  ADD CONSTRAINT reference_rate_bps_range CHECK (rate_bps <= 5000);

-- Rows already there (20261122000000_init, 20261125010000_workspace): their sources.
UPDATE legal_rate SET decided_on = '2023-12-21' WHERE country = 'FR' AND valid_from = '2024-01-01'; -- 8,01 % / 5,07 %
UPDATE legal_rate SET decided_on = '2024-06-26' WHERE country = 'FR' AND valid_from = '2024-07-01'; -- 8,16 % / 4,92 %
UPDATE legal_rate SET decided_on = '2024-12-17' WHERE country = 'FR' AND valid_from = '2025-01-01'; -- 7,21 % / 3,71 %
UPDATE legal_rate SET decided_on = '2025-06-19', published_ref = 'NOR ECOT2516925A; JO 2025-06-24'
  WHERE country = 'FR' AND valid_from = '2025-07-01';                                                 -- 6,65 % / 2,76 %

-- Legal interest rate, France, one arrêté "relatif à la fixation du taux de l'intérêt légal" per half-year:
-- individual_bps = creditor a natural person not acting for professional needs; other_bps = all other cases.
INSERT INTO legal_rate (country, valid_from, valid_to, individual_bps, other_bps, decided_on, published_ref) VALUES
  -- Arrêté du 23 décembre 2014, JO du 27 décembre 2014: 4,06 % / 0,93 %.
  ('FR', '2015-01-01', '2015-06-30', 406, 93, '2014-12-23', 'JO 2014-12-27'),
  -- Arrêté du 24 juin 2015: 4,29 % / 0,99 % (Journal officiel issue not confirmed).
  ('FR', '2015-07-01', '2015-12-31', 429, 99, '2015-06-24', NULL),
  -- Arrêté du 23 décembre 2015, JO du 27 décembre 2015 p. 24148: 4,54 % / 1,01 %.
  ('FR', '2016-01-01', '2016-06-30', 454, 101, '2015-12-23', 'JO 2015-12-27 p. 24148'),
  -- Arrêté du 24 juin 2016, JO du 26 juin 2016: 4,35 % / 0,93 %.
  ('FR', '2016-07-01', '2016-12-31', 435, 93, '2016-06-24', 'JO 2016-06-26'),
  -- Arrêté du 29 décembre 2016: 4,16 % / 0,90 % (Journal officiel issue not confirmed).
  ('FR', '2017-01-01', '2017-06-30', 416, 90, '2016-12-29', NULL),
  -- Arrêté du 26 juin 2017, JO n° 152 du 30 juin 2017, texte n° 23: 3,94 % / 0,90 %.
  ('FR', '2017-07-01', '2017-12-31', 394, 90, '2017-06-26', 'JO n° 152 2017-06-30 texte 23'),
  -- Arrêté du 28 décembre 2017, JORF n° 0304 du 30 décembre 2017, texte n° 79: 3,73 % / 0,89 %.
  ('FR', '2018-01-01', '2018-06-30', 373, 89, '2017-12-28', 'JORF n° 0304 2017-12-30 texte 79'),
  -- Arrêté du 27 juin 2018, JO du 28 juin 2018: 3,60 % / 0,88 %.
  ('FR', '2018-07-01', '2018-12-31', 360, 88, '2018-06-27', 'JO 2018-06-28'),
  -- Arrêté du 21 décembre 2018, JORF n° 0302 du 30 décembre 2018: 3,40 % / 0,86 %. (One secondary table prints
  -- 0,76 %; the Trésor's table and the notes quoting the arrêté say 0,86 %.)
  ('FR', '2019-01-01', '2019-06-30', 340, 86, '2018-12-21', 'JORF n° 0302 2018-12-30'),
  -- Arrêté du 26 juin 2019, NOR ECOT1918289A: 3,26 % / 0,87 %.
  ('FR', '2019-07-01', '2019-12-31', 326, 87, '2019-06-26', 'NOR ECOT1918289A'),
  -- Arrêté du 23 décembre 2019, NOR ECOT1936356A, JO du 26 décembre 2019: 3,15 % / 0,87 %.
  ('FR', '2020-01-01', '2020-06-30', 315, 87, '2019-12-23', 'NOR ECOT1936356A; JO 2019-12-26'),
  -- Arrêté du 15 juin 2020, JO du 18 juin 2020: 3,11 % / 0,84 %.
  ('FR', '2020-07-01', '2020-12-31', 311, 84, '2020-06-15', 'JO 2020-06-18'),
  -- Arrêté du 21 décembre 2020: 3,14 % / 0,79 %. (One brief dates it 26 December; the rates agree.)
  ('FR', '2021-01-01', '2021-06-30', 314, 79, '2020-12-21', NULL),
  -- Arrêté du 16 juin 2021, JO du 25 juin 2021: 3,12 % / 0,76 %.
  ('FR', '2021-07-01', '2021-12-31', 312, 76, '2021-06-16', 'JO 2021-06-25'),
  -- Arrêté du 26 décembre 2021, NOR ECOT2138139A, JO du 28 décembre 2021: 3,13 % / 0,76 %.
  ('FR', '2022-01-01', '2022-06-30', 313, 76, '2021-12-26', 'NOR ECOT2138139A; JO 2021-12-28'),
  -- Arrêté du 27 juin 2022, NOR ECOT2218806A, JO du 2 juillet 2022: 3,15 % / 0,77 %.
  ('FR', '2022-07-01', '2022-12-31', 315, 77, '2022-06-27', 'NOR ECOT2218806A; JO 2022-07-02'),
  -- Arrêté du 26 décembre 2022 (Légifrance JORFARTI000046829012 for its article 2): 4,47 % / 2,06 %.
  ('FR', '2023-01-01', '2023-06-30', 447, 206, '2022-12-26', 'JORFARTI000046829012'),
  -- Arrêté du 27 juin 2023, NOR ECOT2317028A, JORF n° 0150 du 30 juin 2023: 6,82 % / 4,22 %. (One secondary
  -- table prints 6,83 %; the arrêté's text says 6,82 %.)
  ('FR', '2023-07-01', '2023-12-31', 682, 422, '2023-06-27', 'NOR ECOT2317028A; JORF n° 0150'),
  -- Arrêté du 15 décembre 2025, JORF n° 0302 du 26 décembre 2025: 6,67 % / 2,62 %.
  ('FR', '2026-01-01', '2026-06-30', 667, 262, '2025-12-15', 'JORF n° 0302 2025-12-26');
-- 2026 H2 is not entered: its arrêté was not found. Until an admin enters it on the rate page, amounts from
-- 1 July 2026 are estimates, flagged as such, and no letter carries them.

-- ECB main refinancing operations rate (fixed-rate tenders), every change since 10 September 2014, with the
-- date of the Governing Council decision. The rows for 2023-09-20 onwards up to 2025-06-11 existed already.
INSERT INTO reference_rate (kind, valid_from, rate_bps, decided_on) VALUES
  ('ECB_MRO', '2014-09-10', 5, '2014-09-04'),   -- ECB press release 4 September 2014: 0,15 % → 0,05 %.
  ('ECB_MRO', '2016-03-16', 0, '2016-03-10'),   -- 10 March 2016: 0,05 % → 0,00 %.
  ('ECB_MRO', '2022-07-27', 50, '2022-07-21'),  -- 21 July 2022: 0,50 %.
  ('ECB_MRO', '2022-09-14', 125, '2022-09-08'), -- 8 September 2022: 1,25 %.
  ('ECB_MRO', '2022-11-02', 200, '2022-10-27'), -- 27 October 2022: 2,00 %.
  ('ECB_MRO', '2022-12-21', 250, '2022-12-15'), -- 15 December 2022: 2,50 %.
  ('ECB_MRO', '2023-02-08', 300, '2023-02-02'), -- 2 February 2023: 3,00 %.
  ('ECB_MRO', '2023-03-22', 350, '2023-03-16'), -- 16 March 2023: 3,50 %.
  ('ECB_MRO', '2023-05-10', 375, '2023-05-04'), -- 4 May 2023: 3,75 %.
  ('ECB_MRO', '2023-06-21', 400, '2023-06-15'), -- 15 June 2023: 4,00 %.
  ('ECB_MRO', '2023-08-02', 425, '2023-07-27'); -- 27 July 2023: 4,25 %.
-- The deposit-facility-only changes of 9 December 2015 and 18 September 2019 left the MRO rate at 0,05 % and
-- 0,00 %: no row.
UPDATE reference_rate SET decided_on = d.decided_on
  FROM (VALUES ('2023-09-20'::date, '2023-09-14'::date), -- 4,50 %
               ('2024-06-12', '2024-06-06'),             -- 4,25 %
               ('2024-09-18', '2024-09-12'),             -- 3,65 % (MRO–deposit spread narrowed to 15 bp)
               ('2024-10-23', '2024-10-17'),             -- 3,40 %
               ('2024-12-18', '2024-12-12'),             -- 3,15 %
               ('2025-02-05', '2025-01-30'),             -- 2,90 %
               ('2025-03-12', '2025-03-06'),             -- 2,65 %
               ('2025-04-23', '2025-04-17'),             -- 2,40 %
               ('2025-06-11', '2025-06-05')) AS d(valid_from, decided_on) -- 2,15 %
 WHERE reference_rate.kind = 'ECB_MRO' AND reference_rate.valid_from = d.valid_from;
-- Code de commerce L441-10 applies the rate in force on 1 January / 1 July. A row on a half-year's first day
-- records that the rate in force then is known, even when it did not change: the engine treats a half-year
-- after the last row as unknown. 1 July 2025: the 5 June 2025 decision (2,15 % from 11 June) stood, the next
-- meeting (24 July 2025) kept it. 1 January 2026: the 18 December 2025 meeting kept 2,15 % (fourth hold in a
-- row). No 2026 decision was found: the rate in force on 1 July 2026 is for an admin to enter.
INSERT INTO reference_rate (kind, valid_from, rate_bps, decided_on) VALUES
  ('ECB_MRO', '2025-07-01', 215, '2025-06-05'),
  ('ECB_MRO', '2026-01-01', 215, '2025-12-18');

ALTER TABLE legal_rate ALTER COLUMN decided_on SET NOT NULL;
ALTER TABLE reference_rate ALTER COLUMN decided_on SET NOT NULL;
