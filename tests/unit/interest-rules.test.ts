import { describe, expect, it } from 'vitest';
import { computeCharges, type ChargeInput, type RateTables } from '../../lib/interest/rules';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

const b2b = (over: Partial<ChargeInput> = {}): ChargeInput => ({
  nature: 'B2B',
  dueOn: '2025-07-15',
  formalNoticeOn: null,
  asOf: '2025-10-13',
  principalCents: 100_000,
  principalPaid: [],
  ...over,
});
const consumer = (over: Partial<ChargeInput> = {}): ChargeInput => ({ ...b2b(), nature: 'CONSUMER', ...over });

describe('B2B late penalties (C. com. L441-10, D441-5)', () => {
  it('charges a €1,000.00 invoice 90 days late at ECB + 10 points, plus the €40 indemnity', () => {
    // Due 15 July 2025, as of 13 October 2025. Penalties run from the day after the due date:
    //   16–31 Jul = 16 days, Aug = 31, Sep = 30, 1–13 Oct = 13 → 90 days, all in the 2nd half of 2025.
    // ECB rate in force on 1 July 2025: 2.15 % (since 11 June 2025) → 2.15 + 10 = 12.15 % = 1215 bps.
    // Floor: 3 × 2.76 % ("other cases" legal rate, 2nd half 2025) = 8.28 % < 12.15 %, so ECB + 10 applies.
    // 100 000 × 1215 × 90 / (10 000 × 365) = 10 935 000 000 / 3 650 000 = 2 995.89… → 2 996 cents (€29.96).
    // Recovery indemnity: €40.00 = 4 000 cents.
    const charges = computeCharges(b2b(), RATES);
    expect(charges).toEqual({
      interestCents: 2996,
      indemnityCents: 4000,
      estimated: false,
      periods: [
        {
          from: '2025-07-16',
          to: '2025-10-13',
          days: 90,
          rateBps: 1215,
          baseCents: 100_000,
          cents: 2996,
          basis: 'ECB_PLUS_10',
        },
      ],
    });
  });

  it('owes nothing on the due date itself, and the indemnity from the first day late', () => {
    expect(computeCharges(b2b({ asOf: '2025-07-15' }), RATES)).toEqual({
      interestCents: 0,
      indemnityCents: 0,
      periods: [],
      estimated: false,
    });
    // One day late: 100 000 × 1215 × 1 / 3 650 000 = 33.29 → 33 cents, and the full €40.
    const oneDay = computeCharges(b2b({ asOf: '2025-07-16' }), RATES);
    expect([oneDay.interestCents, oneDay.indemnityCents]).toEqual([33, 4000]);
  });

  it('owes no indemnity when the invoice was paid in full on its due date', () => {
    const paidOnTime = computeCharges(b2b({ principalPaid: [{ on: '2025-07-15', cents: 100_000 }] }), RATES);
    expect(paidOnTime).toEqual({ interestCents: 0, indemnityCents: 0, periods: [], estimated: false });
  });

  it('keeps the indemnity once late, even after the principal is paid', () => {
    // Paid in full on 16 July: one day at 1215 bps → 33 cents, then nothing accrues; the €40 stays owed.
    const paidLate = computeCharges(b2b({ principalPaid: [{ on: '2025-07-16', cents: 100_000 }] }), RATES);
    expect([paidLate.interestCents, paidLate.indemnityCents, paidLate.periods.length]).toEqual([33, 4000, 1]);
  });

  it('changes rate at each half-year with the ECB rate in force on 1 January / 1 July', () => {
    // Due 15 June 2025, as of 15 July 2025 (€1,000.00).
    //   16–30 Jun = 15 days: ECB on 1 Jan 2025 = 3.15 % (since 18 Dec 2024) → 13.15 %; floor 3 × 3.71 = 11.13 %.
    //     100 000 × 1315 × 15 / 3 650 000 = 540.41 → 540. (The 2.15 % of 11 June is not used until 1 July.)
    //   1–15 Jul = 15 days: ECB on 1 Jul 2025 = 2.15 % → 12.15 %.
    //     100 000 × 1215 × 15 / 3 650 000 = 499.32 → 499.
    const charges = computeCharges(b2b({ dueOn: '2025-06-15', asOf: '2025-07-15' }), RATES);
    expect(charges.periods.map((p) => [p.from, p.to, p.days, p.rateBps, p.cents, p.basis])).toEqual([
      ['2025-06-16', '2025-06-30', 15, 1315, 540, 'ECB_PLUS_10'],
      ['2025-07-01', '2025-07-15', 15, 1215, 499, 'ECB_PLUS_10'],
    ]);
    expect(charges.interestCents).toBe(1039);
  });
});

describe('a contractual penalty rate and its 3 × legal rate floor (C. com. L441-10 II)', () => {
  // Synthetic legal rates: 6 % in the 1st half of 2025 (floor 18 %), 3 % in the 2nd (floor 9 %).
  const highLegal: RateTables = {
    legal: [
      { validFrom: '2025-01-01', validTo: '2025-06-30', individualBps: 900, otherBps: 600 },
      { validFrom: '2025-07-01', validTo: '2025-12-31', individualBps: 700, otherBps: 300 },
    ],
    ecb: [{ validFrom: '2024-12-01', rateBps: 300 }],
  };

  it('raises a contract rate below the floor to 3 × the legal rate, and the period says so', () => {
    // Contract 12 %, due 31 March, as of 30 April 2025: 30 days at max(1200, 3 × 600 = 1800) = 1800 bps.
    // 100 000 × 1800 × 30 / 3 650 000 = 5 400 000 000 / 3 650 000 = 1 479.45 → 1 479.
    const charges = computeCharges(b2b({ dueOn: '2025-03-31', asOf: '2025-04-30', contractRateBps: 1200 }), highLegal);
    expect(charges.periods).toEqual([
      {
        from: '2025-04-01',
        to: '2025-04-30',
        days: 30,
        rateBps: 1800,
        baseCents: 100_000,
        cents: 1479,
        basis: 'THREE_TIMES_LEGAL',
      },
    ]);
    expect(charges.interestCents).toBe(1479);
  });

  it('is chosen half-year by half-year', () => {
    // 16–30 Jun = 15 days at 1800: 100 000 × 1800 × 15 / 3 650 000 = 739.73 → 740.
    // 1–15 Jul = 15 days at the contract's 1200 (floor 900): 100 000 × 1200 × 15 / 3 650 000 = 493.15 → 493.
    const charges = computeCharges(b2b({ dueOn: '2025-06-15', asOf: '2025-07-15', contractRateBps: 1200 }), highLegal);
    expect(charges.periods.map((p) => [p.rateBps, p.basis, p.cents])).toEqual([
      [1800, 'THREE_TIMES_LEGAL', 740],
      [1200, 'CONTRACT', 493],
    ]);
    expect(charges.interestCents).toBe(1233);
  });

  it('does not bind the default ECB + 10 rate, even when the legal rate is high', () => {
    // No contract rate: ECB 3 % + 10 = 13 % although 3 × 6 % = 18 %.
    // 100 000 × 1300 × 30 / 3 650 000 = 1 068.49 → 1 068.
    const charges = computeCharges(b2b({ dueOn: '2025-03-31', asOf: '2025-04-30' }), highLegal);
    expect(charges.periods.map((p) => [p.rateBps, p.basis, p.cents])).toEqual([[1300, 'ECB_PLUS_10', 1068]]);
  });

  it('applies ECB + 10 with the published rates of the 1st half of 2024 (leap year)', () => {
    // ECB on 1 Jan 2024 = 4.50 % → 14.50 % (3 × 5.07 % = 15.21 % would bind a contract rate only).
    // Due 31 Jan, as of 1 Mar 2024: 1–29 Feb + 1 Mar = 30 days over 366.
    // 100 000 × 1450 × 30 / (10 000 × 366) = 4 350 000 000 / 3 660 000 = 1 188.52 → 1 189.
    const charges = computeCharges(b2b({ dueOn: '2024-01-31', asOf: '2024-03-01' }), RATES);
    expect(charges.periods.map((p) => [p.days, p.rateBps, p.basis, p.cents])).toEqual([
      [30, 1450, 'ECB_PLUS_10', 1189],
    ]);
  });
});

describe('consumer and civil claims: legal interest from the formal notice (C. civ. 1231-6)', () => {
  it('crosses the rate change of 1 July 2025 in two periods (professional creditor)', () => {
    // €2,500.00, formal notice 10 June 2025, as of 20 August 2025; interest from the day after the notice.
    //   11–30 Jun = 20 days at 3.71 % (1st half 2025, other cases):
    //     250 000 × 371 × 20 / 3 650 000 = 1 855 000 000 / 3 650 000 = 508.22 → 508.
    //   1 Jul–20 Aug = 31 + 20 = 51 days at 2.76 % (2nd half 2025):
    //     250 000 × 276 × 51 / 3 650 000 = 3 519 000 000 / 3 650 000 = 964.11 → 964.
    // Total 508 + 964 = 1 472 cents (€14.72); no indemnity for a consumer.
    const charges = computeCharges(
      consumer({ dueOn: '2025-05-01', formalNoticeOn: '2025-06-10', asOf: '2025-08-20', principalCents: 250_000 }),
      RATES,
    );
    expect(charges).toEqual({
      interestCents: 1472,
      indemnityCents: 0,
      estimated: false,
      periods: [
        {
          from: '2025-06-11',
          to: '2025-06-30',
          days: 20,
          rateBps: 371,
          baseCents: 250_000,
          cents: 508,
          basis: 'LEGAL',
        },
        {
          from: '2025-07-01',
          to: '2025-08-20',
          days: 51,
          rateBps: 276,
          baseCents: 250_000,
          cents: 964,
          basis: 'LEGAL',
        },
      ],
    });
  });

  it('uses the higher rate when the creditor is a private individual (CMF L313-2)', () => {
    // Same claim, a civil debt owed to a private person: 7.21 % then 6.65 %.
    //   250 000 × 721 × 20 / 3 650 000 = 987.67 → 988;  250 000 × 665 × 51 / 3 650 000 = 2 322.95 → 2 323.
    const charges = computeCharges(
      {
        ...consumer({ dueOn: '2025-05-01', formalNoticeOn: '2025-06-10', asOf: '2025-08-20', principalCents: 250_000 }),
        nature: 'CIVIL',
        creditorIsPrivateIndividual: true,
      },
      RATES,
    );
    expect(charges.periods.map((p) => [p.rateBps, p.cents])).toEqual([
      [721, 988],
      [665, 2323],
    ]);
    expect([charges.interestCents, charges.indemnityCents]).toEqual([3311, 0]);
  });

  it.each(['CONSUMER', 'CIVIL'] as const)('charges nothing to a %s debtor without a formal notice', (nature) => {
    const charges = computeCharges(consumer({ nature, dueOn: '2024-01-15', asOf: '2025-12-31' }), RATES);
    expect(charges).toEqual({ interestCents: 0, indemnityCents: 0, periods: [], estimated: false });
  });

  it('never runs interest before the due date, even if the notice came first', () => {
    // Notice 1 Aug, due 20 Aug, as of 30 Aug 2025: from 21 Aug, 10 days at 2.76 %.
    // 100 000 × 276 × 10 / 3 650 000 = 75.62 → 76.
    const charges = computeCharges(
      consumer({ dueOn: '2025-08-20', formalNoticeOn: '2025-08-01', asOf: '2025-08-30' }),
      RATES,
    );
    expect(charges.periods.map((p) => [p.from, p.days, p.cents])).toEqual([['2025-08-21', 10, 76]]);
  });
});

describe('principal repayments', () => {
  it('reduce the base from the day after the repayment', () => {
    // €1,000.00 due 15 July 2025 (B2B, 12.15 %), €400.00 repaid on 14 August, as of 13 October 2025.
    //   16 Jul–14 Aug = 16 + 14 = 30 days on 100 000: 100 000 × 1215 × 30 / 3 650 000 = 998.63 → 999.
    //   15 Aug–13 Oct = 17 + 30 + 13 = 60 days on 60 000: 60 000 × 1215 × 60 / 3 650 000 = 1 198.36 → 1 198.
    // Total 2 197 cents (against 2 996 without the repayment).
    const charges = computeCharges(b2b({ principalPaid: [{ on: '2025-08-14', cents: 40_000 }] }), RATES);
    expect(charges.periods).toEqual([
      {
        from: '2025-07-16',
        to: '2025-08-14',
        days: 30,
        rateBps: 1215,
        baseCents: 100_000,
        cents: 999,
        basis: 'ECB_PLUS_10',
      },
      {
        from: '2025-08-15',
        to: '2025-10-13',
        days: 60,
        rateBps: 1215,
        baseCents: 60_000,
        cents: 1198,
        basis: 'ECB_PLUS_10',
      },
    ]);
    expect(charges.interestCents).toBe(2197);
  });

  it('stop interest once the principal is repaid in full', () => {
    const charges = computeCharges(b2b({ principalPaid: [{ on: '2025-08-14', cents: 100_000 }] }), RATES);
    expect(charges.periods.map((p) => [p.to, p.cents])).toEqual([['2025-08-14', 999]]);
    expect(charges.interestCents).toBe(999);
  });

  it('count from the day after: a repayment on asOf or later changes nothing yet', () => {
    for (const on of ['2025-10-13', '2025-11-01']) {
      const charges = computeCharges(b2b({ principalPaid: [{ on, cents: 40_000 }] }), RATES);
      expect(charges.interestCents).toBe(2996);
    }
  });

  it('cancel out with a same-day reversal, leaving a single period', () => {
    const charges = computeCharges(
      b2b({
        principalPaid: [
          { on: '2025-08-14', cents: 40_000 },
          { on: '2025-08-14', cents: -40_000 },
        ],
      }),
      RATES,
    );
    expect(charges.periods.map((p) => [p.from, p.to, p.baseCents])).toEqual([['2025-07-16', '2025-10-13', 100_000]]);
    expect(charges.interestCents).toBe(2996);
  });
});

describe('estimated rates past the published tables', () => {
  it('carries the last legal rate forward and says so', () => {
    // €1,000.00 due 15 Jun 2026, notice 1 Jun 2026, as of 31 Jul 2026 (professional creditor):
    //   16–30 Jun = 15 days at 2.62 % (2026 H1): 100 000 × 262 × 15 / 3 650 000 = 107.67 → 108.
    //   1–31 Jul = 31 days, 2026 H2 not published → 2.62 % carried: 100 000 × 262 × 31 / 3 650 000
    //     = 222.52 → 223.
    const charges = computeCharges(
      consumer({ dueOn: '2026-06-15', formalNoticeOn: '2026-06-01', asOf: '2026-07-31' }),
      RATES,
    );
    expect(charges.periods.map((p) => [p.from, p.to, p.rateBps, p.cents])).toEqual([
      ['2026-06-16', '2026-06-30', 262, 108],
      ['2026-07-01', '2026-07-31', 262, 223],
    ]);
    expect([charges.interestCents, charges.estimated]).toEqual([331, true]);
  });

  it('is not estimated up to the last published day', () => {
    const charges = computeCharges(
      consumer({ dueOn: '2026-06-15', formalNoticeOn: '2026-06-01', asOf: '2026-06-30' }),
      RATES,
    );
    expect([charges.interestCents, charges.estimated]).toEqual([108, false]);
  });

  it('knows the ECB rate of a half-year whose first day the table reaches', () => {
    // Due 15 Dec 2025, as of 14 Jan 2026: 16–31 Dec = 16 days at 12.15 %: 100 000 × 1215 × 16 / 3 650 000
    //   = 532.60 → 533. 1–14 Jan 2026 = 14 days: the row of 1 Jan 2026 says 2.15 % still → 12.15 %:
    //   100 000 × 1215 × 14 / 3 650 000 = 466.03 → 466.
    const charges = computeCharges(b2b({ dueOn: '2025-12-15', asOf: '2026-01-14' }), RATES);
    expect([charges.interestCents, charges.estimated]).toEqual([999, false]);
  });

  it('estimates default B2B penalties in a half-year the ECB table does not reach', () => {
    // Due 15 Jun 2026, as of 14 Jul 2026: 16–30 Jun = 15 days at 12.15 %: 100 000 × 1215 × 15 / 3 650 000
    //   = 499.32 → 499. 1–14 Jul = 14 days: nobody has entered the rate in force on 1 July 2026, so 2.15 %
    //   is carried: 100 000 × 1215 × 14 / 3 650 000 = 466.03 → 466.
    const charges = computeCharges(b2b({ dueOn: '2026-06-15', asOf: '2026-07-14' }), RATES);
    expect([charges.interestCents, charges.estimated]).toEqual([965, true]);
  });

  it('estimates a contract rate whose legal floor is not yet published', () => {
    // Contract 9 % (above 3 × 2.62 = 7.86 % carried forward). 1–14 Jul 2026 carries the 2026 H1 floor.
    const charges = computeCharges(b2b({ dueOn: '2026-06-30', asOf: '2026-07-14', contractRateBps: 900 }), RATES);
    expect([charges.periods[0]?.basis, charges.estimated]).toEqual(['CONTRACT', true]);
  });

  it('flags an estimate before the tables too (the first known rates stand in)', () => {
    // Due 1 Jun 2014, as of 11 Jun 2014: no ECB rate known on 1 Jan 2014; the first row (0.05 %) stands in
    // → 10.05 %. 10 days: 100 000 × 1005 × 10 / 3 650 000 = 275.34 → 275.
    const charges = computeCharges(b2b({ dueOn: '2014-06-01', asOf: '2014-06-11' }), RATES);
    expect([charges.interestCents, charges.estimated, charges.periods[0]?.basis]).toEqual([275, true, 'ECB_PLUS_10']);
  });
});

describe('day count and rounding', () => {
  it('divides by 366 in a leap year', () => {
    // Private-individual creditor, notice 31 Jan 2024, as of 1 Mar 2024: 29 days of February + 1 = 30 days
    // at 8.01 % (1st half 2024). 100 000 × 801 × 30 / (10 000 × 366) = 2 403 000 000 / 3 660 000
    // = 656.56 → 657 (over 365 it would be 658.36 → 658).
    const charges = computeCharges(
      {
        ...consumer({ dueOn: '2024-01-15', formalNoticeOn: '2024-01-31', asOf: '2024-03-01' }),
        nature: 'CIVIL',
        creditorIsPrivateIndividual: true,
      },
      RATES,
    );
    expect(charges.periods.map((p) => [p.days, p.rateBps, p.cents])).toEqual([[30, 801, 657]]);
  });

  it('splits at the new year even when the rate does not change, each year with its own days', () => {
    // Synthetic 4 % both halves. €10,000.00, notice 16 Dec 2023, as of 15 Jan 2024:
    //   17–31 Dec 2023 = 15 days: 1 000 000 × 400 × 15 / 3 650 000 = 1 643.84 → 1 644.
    //   1–15 Jan 2024 = 15 days: 1 000 000 × 400 × 15 / 3 660 000 = 1 639.34 → 1 639.
    const flat: RateTables = {
      legal: [
        { validFrom: '2023-07-01', validTo: '2023-12-31', individualBps: 700, otherBps: 400 },
        { validFrom: '2024-01-01', validTo: '2024-06-30', individualBps: 700, otherBps: 400 },
      ],
      ecb: [{ validFrom: '2023-01-01', rateBps: 0 }],
    };
    const charges = computeCharges(
      consumer({ dueOn: '2023-12-01', formalNoticeOn: '2023-12-16', asOf: '2024-01-15', principalCents: 1_000_000 }),
      flat,
    );
    expect(charges.periods.map((p) => [p.from, p.to, p.cents])).toEqual([
      ['2023-12-17', '2023-12-31', 1644],
      ['2024-01-01', '2024-01-15', 1639],
    ]);
    expect(charges.interestCents).toBe(3283);
  });

  it('rounds each period half-up to the cent', () => {
    // ECB 0 % + 10 = 10 %, legal 0 %. €18.25 for one day: 1 825 × 1000 × 1 / 3 650 000 = 0.5 → 1 cent;
    // €18.24: 0.4997 → 0 cents.
    const tenPercent: RateTables = {
      legal: [{ validFrom: '2025-01-01', validTo: '2025-06-30', individualBps: 0, otherBps: 0 }],
      ecb: [{ validFrom: '2025-01-01', rateBps: 0 }],
    };
    const input = b2b({ dueOn: '2025-03-01', asOf: '2025-03-02' });
    expect(computeCharges({ ...input, principalCents: 1825 }, tenPercent).interestCents).toBe(1);
    expect(computeCharges({ ...input, principalCents: 1824 }, tenPercent).interestCents).toBe(0);
  });

  it('stays exact on large amounts', () => {
    // €90,000,000.00 for 90 days at 12.15 %: 9 000 000 000 × 1215 × 90 / 3 650 000 = 269 630 136.99 → 269 630 137.
    const charges = computeCharges(b2b({ principalCents: 9_000_000_000 }), RATES);
    expect(charges.interestCents).toBe(269_630_137);
  });

  it('refuses malformed days and fractional cents', () => {
    expect(() => computeCharges(b2b({ asOf: '2025-02-30' }), RATES)).toThrow(RangeError);
    expect(() => computeCharges(b2b({ dueOn: '15/07/2025' }), RATES)).toThrow(RangeError);
    expect(() => computeCharges(b2b({ principalCents: 10.5 }), RATES)).toThrow(RangeError);
  });
});
