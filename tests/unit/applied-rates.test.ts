import { describe, expect, it } from 'vitest';
import { appliedRates } from '../../lib/interest/applied-rates';
import type { ChargePeriod } from '../../lib/interest/rules';

const period = (from: string, to: string, rateBps: number): ChargePeriod => ({
  from,
  to,
  rateBps,
  days: 0,
  baseCents: 0,
  cents: 0,
  basis: 'LEGAL',
});

describe('appliedRates', () => {
  it('merges the claims’ periods at one rate and keeps each change of rate with its days', () => {
    // Claim A from January, claim B from March (same half-year, same rate), both into July's new rate; a
    // repayment split A's first half-year in two.
    const spans = appliedRates([
      period('2026-07-01', '2026-11-16', 1240),
      period('2026-01-01', '2026-02-14', 1215),
      period('2026-03-01', '2026-06-30', 1215),
      period('2026-02-15', '2026-06-30', 1215),
      period('2026-07-01', '2026-11-16', 1240),
    ]);
    expect(spans).toEqual([
      { from: '2026-01-01', to: '2026-06-30', rateBps: 1215 },
      { from: '2026-07-01', to: '2026-11-16', rateBps: 1240 },
    ]);
  });

  it('keeps a gap apart even at the same rate, and says nothing without periods', () => {
    expect(
      appliedRates([period('2026-01-01', '2026-01-31', 262), period('2026-03-01', '2026-03-31', 262)]),
    ).toHaveLength(2);
    expect(appliedRates([])).toEqual([]);
  });
});
