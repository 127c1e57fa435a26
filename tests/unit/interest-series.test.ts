import { describe, expect, it } from 'vitest';
import { computeCharges, type ChargeInput } from '../../lib/interest/rules';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

// The engine over the verified series of 20261207050000_rate_series, 2015 to 2026, each figure worked by hand:
// cents = principal × bps × days / (10 000 × days in the year), half-up, period by period.

const claim = (over: Partial<ChargeInput>): ChargeInput => ({
  nature: 'B2B',
  dueOn: '2025-07-15',
  formalNoticeOn: null,
  asOf: '2025-10-13',
  principalCents: 100_000,
  principalPaid: [],
  ...over,
});
const periods = (input: ChargeInput) =>
  computeCharges(input, RATES).periods.map((p) => [p.from, p.to, p.rateBps, p.cents, p.basis]);

describe('legal interest from 2015 (two rates a half-year)', () => {
  it('runs a private creditor’s claim across 2015 H1, 2015 H2 and leap 2016 H1', () => {
    // Notice 31 Mar 2015, as of 31 Mar 2016, creditor a private individual:
    //   1 Apr–30 Jun 2015, 91 days at 4.06 %: 100 000 × 406 × 91 / 3 650 000 = 1 012.22 → 1 012
    //   1 Jul–31 Dec 2015, 184 days at 4.29 %: 100 000 × 429 × 184 / 3 650 000 = 2 162.63 → 2 163
    //   1 Jan–31 Mar 2016, 91 days at 4.54 % over 366: 100 000 × 454 × 91 / 3 660 000 = 1 128.80 → 1 129
    const input = claim({
      nature: 'CONSUMER',
      dueOn: '2015-03-01',
      formalNoticeOn: '2015-03-31',
      asOf: '2016-03-31',
      creditorIsPrivateIndividual: true,
    });
    expect(periods(input)).toEqual([
      ['2015-04-01', '2015-06-30', 406, 1012, 'LEGAL'],
      ['2015-07-01', '2015-12-31', 429, 2163, 'LEGAL'],
      ['2016-01-01', '2016-03-31', 454, 1129, 'LEGAL'],
    ]);
    expect(computeCharges(input, RATES)).toMatchObject({ interestCents: 4304, indemnityCents: 0, estimated: false });
  });

  it('uses the "other cases" rate of 2026 H1 for a professional creditor', () => {
    // Notice 31 Dec 2025, as of 30 Jun 2026: 181 days at 2.62 %: 100 000 × 262 × 181 / 3 650 000 = 1 299.23 → 1 299
    const input = claim({ nature: 'CIVIL', dueOn: '2025-12-01', formalNoticeOn: '2025-12-31', asOf: '2026-06-30' });
    expect(periods(input)).toEqual([['2026-01-01', '2026-06-30', 262, 1299, 'LEGAL']]);
    expect(computeCharges(input, RATES).estimated).toBe(false);
  });
});

describe('B2B penalties on the ECB rate in force on 1 January / 1 July', () => {
  it('keeps 0.05 % for all of 2016 H1: the cut of 16 March 2016 counts from 1 July', () => {
    // 1 Jan–30 Jun 2016, 182 days at 0.05 + 10 = 10.05 % over 366: 100 000 × 1005 × 182 / 3 660 000
    //   = 4 997.54 → 4 998
    const input = claim({ dueOn: '2015-12-31', asOf: '2016-06-30' });
    expect(periods(input)).toEqual([['2016-01-01', '2016-06-30', 1005, 4998, 'ECB_PLUS_10']]);
  });

  it('charges 10 % in 2016 H2 at a 0 % ECB rate', () => {
    // 1 Jul–31 Dec 2016, 184 days at 10.00 % over 366: 100 000 × 1000 × 184 / 3 660 000 = 5 027.32 → 5 027
    const input = claim({ dueOn: '2016-06-30', asOf: '2016-12-31' });
    expect(computeCharges(input, RATES)).toMatchObject({ interestCents: 5027, indemnityCents: 4000, estimated: false });
  });

  it('follows the 2022–2023 rises half-year by half-year', () => {
    // In force 1 Jan 2023: 2.50 % (since 21 Dec 2022) → 12.50 %; 181 days:
    //   100 000 × 1250 × 181 / 3 650 000 = 6 198.63 → 6 199
    // In force 1 Jul 2023: 4.00 % (since 21 Jun 2023) → 14.00 %; 184 days:
    //   100 000 × 1400 × 184 / 3 650 000 = 7 057.53 → 7 058
    const input = claim({ dueOn: '2022-12-31', asOf: '2023-12-31' });
    expect(periods(input)).toEqual([
      ['2023-01-01', '2023-06-30', 1250, 6199, 'ECB_PLUS_10'],
      ['2023-07-01', '2023-12-31', 1400, 7058, 'ECB_PLUS_10'],
    ]);
    expect(computeCharges(input, RATES).interestCents).toBe(13_257);
  });

  it('raises a 5 % contract rate to three times the 2023 legal rates', () => {
    // 2023 H1: 3 × 2.06 = 6.18 % > 5 %: 100 000 × 618 × 181 / 3 650 000 = 3 064.60 → 3 065
    // 2023 H2: 3 × 4.22 = 12.66 %: 100 000 × 1266 × 184 / 3 650 000 = 6 382.03 → 6 382
    const input = claim({ dueOn: '2022-12-31', asOf: '2023-12-31', contractRateBps: 500 });
    expect(periods(input)).toEqual([
      ['2023-01-01', '2023-06-30', 618, 3065, 'THREE_TIMES_LEGAL'],
      ['2023-07-01', '2023-12-31', 1266, 6382, 'THREE_TIMES_LEGAL'],
    ]);
    expect(computeCharges(input, RATES).interestCents).toBe(9447);
  });
});
