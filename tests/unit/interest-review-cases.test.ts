import { describe, expect, it } from 'vitest';
import { claimBalances } from '../../lib/interest/balances';
import { computeCharges, type ChargeInput } from '../../lib/interest/rules';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

// The two cases the legal review of issue 14 checked by hand, on the rate tables the migrations ship
// (20261207050000_rate_series, copied in tests/fixtures/interest/migration-rates.ts). Each period:
//   cents = principal × rate (bps) × days / (10 000 × days in the year), rounded half-up, period by period.

const periods = (input: ChargeInput) =>
  computeCharges(input, RATES).periods.map((p) => [p.from, p.to, p.days, p.rateBps, p.cents]);

describe('review case 1: €10,000 B2B invoice due 2022-03-31, read on 2026-12-07', () => {
  // C. com. L441-10 II: ECB main refinancing rate in force on 1 January (first half-year) or 1 July (second),
  // + 10 points; from the day after the due date, no reminder needed; D441-5: €40 per invoice.
  //   2022 H1  1 Apr–30 Jun   91 d, ECB 0.00 % (since 2016-03-16)   10.00 %: 1 000 000 × 1000 × 91 / 3 650 000  = 24 931.51 → 24 932
  //   2022 H2  1 Jul–31 Dec  184 d, ECB 0.00 % on 1 July (0.50 % only from 27 July) 10.00 %:     50 410.96 → 50 411
  //   2023 H1  181 d, ECB 2.50 % (2022-12-21)   12.50 %: 1 000 000 × 1250 × 181 / 3 650 000 = 61 986.30 → 61 986
  //   2023 H2  184 d, ECB 4.00 % (2023-06-21)   14.00 %: 1 000 000 × 1400 × 184 / 3 650 000 = 70 575.34 → 70 575
  //   2024 H1  182 d, ECB 4.50 % (2023-09-20)   14.50 %, leap year: × 182 / 3 660 000         = 72 103.83 → 72 104
  //   2024 H2  184 d, ECB 4.25 % (2024-06-12)   14.25 %: 1 000 000 × 1425 × 184 / 3 660 000 = 71 639.34 → 71 639
  //   2025 H1  181 d, ECB 3.15 % (2024-12-18)   13.15 %: 1 000 000 × 1315 × 181 / 3 650 000 = 65 209.59 → 65 210
  //   2025 H2  184 d, ECB 2.15 % (2025-06-11)   12.15 %: 1 000 000 × 1215 × 184 / 3 650 000 = 61 249.32 → 61 249
  //   2026 H1  181 d, ECB 2.15 % (kept 2025-12-18) 12.15 %: × 181 / 3 650 000                = 60 250.68 → 60 251
  //   2026 H2  1 Jul–7 Dec 160 d, 12.15 % carried forward: × 160 / 3 650 000                 = 53 260.27 → 53 260
  // Interest 591 617 cents (€5,916.17) + €40 = €5,956.17, so €15,956.17 with the principal. The 1 July 2026 ECB
  // rate is not in the shipped tables (the migration says no 2026 decision was found): the last half-year carries
  // 2.15 % forward and the figure is flagged as an estimate, which no letter may print (lib/interest/coverage.ts).
  const input: ChargeInput = {
    nature: 'B2B',
    dueOn: '2022-03-31',
    formalNoticeOn: null,
    asOf: '2026-12-07',
    principalCents: 1_000_000,
    principalPaid: [],
  };

  it('splits at each half-year with the rate of its first day', () => {
    expect(periods(input)).toEqual([
      ['2022-04-01', '2022-06-30', 91, 1000, 24_932],
      ['2022-07-01', '2022-12-31', 184, 1000, 50_411],
      ['2023-01-01', '2023-06-30', 181, 1250, 61_986],
      ['2023-07-01', '2023-12-31', 184, 1400, 70_575],
      ['2024-01-01', '2024-06-30', 182, 1450, 72_104],
      ['2024-07-01', '2024-12-31', 184, 1425, 71_639],
      ['2025-01-01', '2025-06-30', 181, 1315, 65_210],
      ['2025-07-01', '2025-12-31', 184, 1215, 61_249],
      ['2026-01-01', '2026-06-30', 181, 1215, 60_251],
      ['2026-07-01', '2026-12-07', 160, 1215, 53_260],
    ]);
  });

  it('totals €5,916.17 of penalties and the €40 indemnity, the last half-year an estimate', () => {
    expect(computeCharges(input, RATES)).toMatchObject({
      interestCents: 591_617,
      indemnityCents: 4000,
      estimated: true,
    });
    // To 30 June 2026, every rate is published: 591 617 − 53 260 = 538 357, not an estimate.
    expect(computeCharges({ ...input, asOf: '2026-06-30' }, RATES)).toMatchObject({
      interestCents: 538_357,
      estimated: false,
    });
    const balance = claimBalances(
      { formalNoticeOn: null },
      [
        {
          id: 'c',
          invoiceNumber: 'F-2022-031',
          dueOn: '2022-03-31',
          principalCents: 1_000_000,
          nature: 'B2B',
          contractRateBps: null,
          creditorIsPrivateIndividual: false,
        },
      ],
      [],
      '2026-12-07',
      RATES,
    );
    expect(balance.totals).toEqual({
      principalDueCents: 1_000_000,
      interestDueCents: 591_617,
      indemnityDueCents: 4000,
      totalDueCents: 1_595_617,
    });
  });
});

describe('review case 2: €3,000 consumer claim, formal notice 2023-02-15, read on 2024-12-31', () => {
  // C. civ. 1231-6 / 1344-1: legal interest from the formal notice (the day after it). CMF L313-2: two rates a
  // half-year, the higher for a creditor who is a natural person not acting for professional needs.
  // Periods: 16 Feb–30 Jun 2023 = 13 + 31 + 30 + 31 + 30 = 135 days; 2023 H2 184; 2024 H1 182 and H2 184 over 366.
  // Creditor a professional (the usual consumer claim), "other cases" rates 2.06 / 4.22 / 5.07 / 4.92 %:
  //   300 000 × 206 × 135 / 3 650 000 = 2 285.75 → 2 286
  //   300 000 × 422 × 184 / 3 650 000 = 6 382.03 → 6 382
  //   300 000 × 507 × 182 / 3 660 000 = 7 563.44 → 7 563
  //   300 000 × 492 × 184 / 3 660 000 = 7 420.33 → 7 420        total 23 651 (€236.51)
  // Creditor a private individual, rates 4.47 / 6.82 / 8.01 / 8.16 %:
  //   300 000 × 447 × 135 / 3 650 000 =  4 959.86 →  4 960
  //   300 000 × 682 × 184 / 3 650 000 = 10 314.08 → 10 314
  //   300 000 × 801 × 182 / 3 660 000 = 11 949.34 → 11 949
  //   300 000 × 816 × 184 / 3 660 000 = 12 306.89 → 12 307      total 39 530 (€395.30)
  // No €40 indemnity: it is owed by a business only (C. com. L441-10 II).
  const input: ChargeInput = {
    nature: 'CONSUMER',
    dueOn: '2023-01-31',
    formalNoticeOn: '2023-02-15',
    asOf: '2024-12-31',
    principalCents: 300_000,
    principalPaid: [],
  };

  it('charges the "other cases" legal rates to a professional creditor', () => {
    expect(periods(input)).toEqual([
      ['2023-02-16', '2023-06-30', 135, 206, 2286],
      ['2023-07-01', '2023-12-31', 184, 422, 6382],
      ['2024-01-01', '2024-06-30', 182, 507, 7563],
      ['2024-07-01', '2024-12-31', 184, 492, 7420],
    ]);
    expect(computeCharges(input, RATES)).toMatchObject({ interestCents: 23_651, indemnityCents: 0, estimated: false });
  });

  it('charges the higher rates to a creditor who is a private individual', () => {
    const individual = { ...input, creditorIsPrivateIndividual: true };
    expect(periods(individual).map((p) => [p[3], p[4]])).toEqual([
      [447, 4960],
      [682, 10_314],
      [801, 11_949],
      [816, 12_307],
    ]);
    expect(computeCharges(individual, RATES)).toMatchObject({ interestCents: 39_530, indemnityCents: 0 });
  });
});
