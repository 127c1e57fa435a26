import { describe, expect, it } from 'vitest';
import { addMonths } from '../../lib/dates/days';
import {
  AGE_BANDS,
  AGING_BUCKETS,
  DEFINITIONS,
  ageBandIndex,
  agingBucketIndex,
  channelCosts,
  cohortCurves,
  costPer100,
  costPerEuro,
  monthOf,
  monthRange,
  monthsBetween,
  periodStart,
  periodsIn,
  promiseKeptRate,
  recoveryRate,
  stepCost,
  targetAttainment,
  targetOverSpan,
  workingDaysBetween,
} from '../../lib/reports/rules';

describe('recovery rate', () => {
  it('is recovered ÷ placed: the seed example, €10,000 placed and €8,000 paid, is 80 %', () => {
    expect(recoveryRate(800_000, 1_000_000)).toBe(0.8);
  });

  it('is 0 when nothing came back and unknown when nothing was placed', () => {
    expect(recoveryRate(0, 1_000_000)).toBe(0);
    expect(recoveryRate(0, 0)).toBeNull();
  });

  it('keeps the exact fraction: €1 of €3 is a third', () => {
    expect(recoveryRate(100, 300)).toBeCloseTo(1 / 3, 12);
  });
});

describe('aging buckets (days past due)', () => {
  it.each([
    [-10, '0-30'],
    [0, '0-30'],
    [30, '0-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91-180'],
    [180, '91-180'],
    [181, '180+'],
    [2000, '180+'],
  ])('%i days → %s', (days, key) => {
    expect(AGING_BUCKETS[agingBucketIndex(days)]!.key).toBe(key);
  });
});

describe('debt age at placement', () => {
  it.each([
    [0, '0-90'],
    [90, '0-90'],
    [91, '91-180'],
    [365, '181-365'],
    [366, '366-730'],
    [731, '730+'],
  ])('%i days → %s', (days, key) => {
    expect(AGE_BANDS[ageBandIndex(days)]!.key).toBe(key);
  });
});

describe('months and periods', () => {
  it('moves across years both ways', () => {
    expect(addMonths('2025-11-01', 3)).toBe('2026-02-01');
    expect(addMonths('2025-01-01', -1)).toBe('2024-12-01');
    expect(addMonths('2025-01-01', -13)).toBe('2023-12-01');
    expect(monthsBetween('2024-11-01', '2026-02-01')).toBe(15);
    expect(monthOf('2026-02-28')).toBe('2026-02-01');
  });

  it('lists the months of a range, inclusive', () => {
    expect(monthRange('2025-11-15', '2026-02-03')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });

  it('starts weeks on Monday and clips periods to the range', () => {
    // 2026-11-25 is a Wednesday.
    expect(periodStart('2026-11-25', 'week')).toBe('2026-11-23');
    expect(periodsIn('2026-11-25', '2026-12-02', 'week')).toEqual([
      { start: '2026-11-23', from: '2026-11-25', to: '2026-11-29' },
      { start: '2026-11-30', from: '2026-11-30', to: '2026-12-02' },
    ]);
    expect(periodsIn('2026-01-15', '2026-03-10', 'month').map((p) => [p.from, p.to])).toEqual([
      ['2026-01-15', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-10'],
    ]);
  });

  it('counts Monday to Friday', () => {
    // November 2026: 1st is a Sunday; 21 weekdays.
    expect(workingDaysBetween('2026-11-01', '2026-11-30')).toBe(21);
    expect(workingDaysBetween('2026-11-28', '2026-11-29')).toBe(0);
  });
});

describe('cohort (liquidation) curves', () => {
  it('accumulates each placement month’s recoveries month after month, up to the current month', () => {
    const curves = cohortCurves(
      {
        placed: [
          { placedMonth: '2026-09-01', placedCents: 1_000_000 },
          { placedMonth: '2026-10-01', placedCents: 400_000 },
        ],
        recovered: [
          { placedMonth: '2026-09-01', paidMonth: '2026-09-01', recoveredCents: 100_000 },
          { placedMonth: '2026-09-01', paidMonth: '2026-11-01', recoveredCents: 300_000 },
          { placedMonth: '2026-10-01', paidMonth: '2026-10-01', recoveredCents: 100_000 },
          // A payment dated before its claims were placed counts in month 0.
          { placedMonth: '2026-10-01', paidMonth: '2026-09-01', recoveredCents: 20_000 },
        ],
      },
      '2026-11-01',
    );
    expect(curves).toEqual([
      {
        placedMonth: '2026-09-01',
        placedCents: 1_000_000,
        points: [
          { monthsSince: 0, cumulativeCents: 100_000, rate: 0.1 },
          { monthsSince: 1, cumulativeCents: 100_000, rate: 0.1 },
          { monthsSince: 2, cumulativeCents: 400_000, rate: 0.4 },
        ],
      },
      {
        placedMonth: '2026-10-01',
        placedCents: 400_000,
        points: [
          { monthsSince: 0, cumulativeCents: 120_000, rate: 0.3 },
          { monthsSince: 1, cumulativeCents: 120_000, rate: 0.3 },
        ],
      },
    ]);
  });
});

describe('promises and targets', () => {
  it('promise kept rate ignores pending and cancelled promises', () => {
    expect(promiseKeptRate(3, 1)).toBe(0.75);
    expect(promiseKeptRate(0, 0)).toBeNull();
  });

  it('attainment is actual ÷ target', () => {
    expect(targetAttainment(45, 60)).toBe(0.75);
    expect(targetAttainment(45, null)).toBeNull();
    expect(targetAttainment(3, 0)).toBe(1);
  });

  it('a monthly target over its whole month is the target itself', () => {
    expect(
      targetOverSpan([{ validFrom: '2026-01-01', period: 'MONTH', target: 1_500_000 }], '2026-11-01', '2026-11-30'),
    ).toBe(1_500_000);
  });

  it('spreads a monthly target over working days: 10 of the 21 in November 2026', () => {
    // 2026-11-02 (Mon) to 2026-11-13 (Fri): two working weeks.
    expect(
      targetOverSpan([{ validFrom: '2026-01-01', period: 'MONTH', target: 2100 }], '2026-11-02', '2026-11-13'),
    ).toBe(1000);
  });

  it('a weekly target is a fifth per working day, a daily one per working day', () => {
    const week = [{ validFrom: '2026-01-01', period: 'WEEK' as const, target: 10 }];
    expect(targetOverSpan(week, '2026-11-23', '2026-11-29')).toBe(10);
    expect(targetOverSpan(week, '2026-11-23', '2026-11-24')).toBe(4);
    expect(targetOverSpan([{ validFrom: '2026-01-01', period: 'DAY', target: 12 }], '2026-11-23', '2026-11-29')).toBe(
      60,
    );
  });

  it('follows the target in force each day, and has none before the first', () => {
    const targets = [
      { validFrom: '2026-11-25', period: 'DAY' as const, target: 20 },
      { validFrom: '2026-11-01', period: 'DAY' as const, target: 10 },
    ];
    // Mon 23 and Tue 24 at 10, Wed 25 to Fri 27 at 20.
    expect(targetOverSpan(targets, '2026-11-23', '2026-11-29')).toBe(80);
    expect(targetOverSpan(targets, '2026-10-01', '2026-10-31')).toBeNull();
  });

  it('cost per euro recovered', () => {
    expect(costPerEuro(1_500, 100_000)).toBe(1.5);
    expect(costPerEuro(1_500, 0)).toBeNull();
    // €15 spent to recover €1,000: €1.50 for every €100.
    expect(costPer100(1_500, 100_000)).toBe(150);
    expect(costPer100(1_500, 0)).toBeNull();
  });

  it('step costs: executions × the agency’s unit cost, the defaults where it set none', () => {
    const costs = channelCosts({ SIMPLE_LETTER: 210, SMS: 12, ESCALATE: 999 });
    expect(costs).toMatchObject({ SIMPLE_LETTER: 210, SMS: 12, REGISTERED_LETTER: 750, VISIT_TASK: 4_000 });
    expect(stepCost('SIMPLE_LETTER', 8, costs)).toBe(1_680);
    expect(stepCost('SMS', 6, costs)).toBe(72);
    expect(stepCost('REGISTERED_LETTER', 8, costs)).toBe(6_000);
    // An escalation sends nothing the agency pays per step.
    expect(stepCost('ESCALATE', 3, costs)).toBe(0);
    expect(stepCost('SIMPLE_LETTER', 0, costs)).toBe(0);
  });
});

describe('definitions', () => {
  it('every definition is written in French and English', () => {
    for (const [key, text] of Object.entries(DEFINITIONS)) {
      expect(text.fr.length, key).toBeGreaterThan(40);
      expect(text.en.length, key).toBeGreaterThan(40);
    }
    expect(DEFINITIONS.recoveryRate.fr).toContain('80 %');
  });
});
