import { describe, expect, it } from 'vitest';
import { claimBalances, type AllocationRow, type ClaimRow } from '../../lib/interest/balances';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

const business = { nature: 'B2B' as const, formalNoticeOn: null };
const claims: ClaimRow[] = [
  { id: 'a', invoiceNumber: 'F-001', dueOn: '2025-07-15', principalCents: 100_000 },
  { id: 'b', invoiceNumber: 'F-002', dueOn: '2025-09-30', principalCents: 50_000 },
];
// A payment of €449.99 on 14 August 2025 went to F-001: its interest so far, the indemnity, then €400 of
// principal (C. civ. 1343-1). A €100 payment on 1 October to F-002 was reversed the same day (cheque bounced).
const allocations: AllocationRow[] = [
  { claimId: 'a', part: 'INTEREST', cents: 999, on: '2025-08-14' },
  { claimId: 'a', part: 'INDEMNITY', cents: 4000, on: '2025-08-14' },
  { claimId: 'a', part: 'PRINCIPAL', cents: 40_000, on: '2025-08-14' },
  { claimId: 'b', part: 'PRINCIPAL', cents: 10_000, on: '2025-10-01' },
  { claimId: 'b', part: 'PRINCIPAL', cents: -10_000, on: '2025-10-01' },
];

describe('claimBalances', () => {
  it('subtracts allocations from the charges computed to the day, claim by claim', () => {
    // As of 13 October 2025, 2nd half 2025: ECB 2.15 % + 10 = 12.15 % (floor 3 × 2.76 = 8.28 %).
    // F-001 (€1,000.00, due 15 July):
    //   16 Jul–14 Aug, 30 days on 100 000: 100 000 × 1215 × 30 / 3 650 000 = 998.63 → 999
    //   15 Aug–13 Oct, 60 days on  60 000:  60 000 × 1215 × 60 / 3 650 000 = 1 198.36 → 1 198
    //   accrued 2 197, paid 999 → interest due 1 198; indemnity 4 000 − 4 000 = 0; principal 60 000.
    //   total 61 198.
    // F-002 (€500.00, due 30 Sept), the reversal cancels the payment:
    //   1–13 Oct, 13 days on 50 000: 50 000 × 1215 × 13 / 3 650 000 = 216.37 → 216; indemnity 4 000;
    //   principal 50 000; total 54 216.
    // File: principal 110 000, interest 1 414, indemnity 4 000, total 115 414.
    const result = claimBalances(business, claims, allocations, '2025-10-13', RATES);
    const [a, b] = result.claims;
    expect(a).toMatchObject({
      claimId: 'a',
      invoiceNumber: 'F-001',
      dueOn: '2025-07-15',
      principalCents: 100_000,
      principalDueCents: 60_000,
      interestAccruedCents: 2197,
      interestDueCents: 1198,
      indemnityDueCents: 0,
      totalDueCents: 61_198,
    });
    expect(a?.charges.periods.map((p) => [p.baseCents, p.cents])).toEqual([
      [100_000, 999],
      [60_000, 1198],
    ]);
    expect(b).toMatchObject({
      claimId: 'b',
      principalDueCents: 50_000,
      interestAccruedCents: 216,
      interestDueCents: 216,
      indemnityDueCents: 4000,
      totalDueCents: 54_216,
    });
    expect(result.totals).toEqual({
      principalDueCents: 110_000,
      interestDueCents: 1414,
      indemnityDueCents: 4000,
      totalDueCents: 115_414,
    });
    expect(result.estimated).toBe(false);
  });

  it('ignores allocations dated after asOf and allocations of other claims', () => {
    const later: AllocationRow[] = [
      ...allocations,
      { claimId: 'b', part: 'PRINCIPAL', cents: 50_000, on: '2025-10-20' },
      { claimId: 'elsewhere', part: 'INTEREST', cents: 700, on: '2025-09-01' },
    ];
    expect(claimBalances(business, claims, later, '2025-10-13', RATES).totals.totalDueCents).toBe(115_414);
  });

  it('keeps the claims in the order given', () => {
    const reversed = claimBalances(business, [...claims].reverse(), allocations, '2025-10-13', RATES);
    expect(reversed.claims.map((c) => c.invoiceNumber)).toEqual(['F-002', 'F-001']);
  });

  it('shows only the principal on a consumer file without formal notice', () => {
    // No notice: no interest (C. civ. 1231-6) and no indemnity (B2B only). 150 000 − 40 000 = 110 000.
    const result = claimBalances(
      { nature: 'CONSUMER', formalNoticeOn: null },
      claims,
      allocations,
      '2025-10-13',
      RATES,
    );
    expect(result.claims.map((c) => [c.principalDueCents, c.interestDueCents, c.indemnityDueCents])).toEqual([
      [60_000, 0, 0],
      [50_000, 0, 0],
    ]);
    expect(result.totals).toEqual({
      principalDueCents: 110_000,
      interestDueCents: 0,
      indemnityDueCents: 0,
      totalDueCents: 110_000,
    });
  });

  it('never shows a part as owed below zero when more was allocated than accrued', () => {
    // 5 000 cents of interest allocated on F-001 against 2 197 accrued: interest due 0, not −2 803.
    const over: AllocationRow[] = [{ claimId: 'a', part: 'INTEREST', cents: 5000, on: '2025-08-14' }];
    const [a] = claimBalances(business, claims.slice(0, 1), over, '2025-10-13', RATES).claims;
    // No principal was repaid here, so the full 90 days accrue on 100 000: 2 996.
    expect([a?.interestAccruedCents, a?.interestDueCents, a?.totalDueCents]).toEqual([2996, 0, 104_000]);
  });

  it('is estimated when any claim runs past the published rates', () => {
    // F-001 alone for a consumer with a formal notice, as of 14 July 2026 (no legal rate for 2026 H2 yet).
    const consumer = { nature: 'CONSUMER' as const, formalNoticeOn: '2025-12-01' };
    const result = claimBalances(consumer, claims.slice(0, 1), [], '2026-07-14', RATES);
    expect(result.estimated).toBe(true);
    expect(result.claims[0]?.charges.estimated).toBe(true);
  });

  it('is empty for a file without claims', () => {
    expect(claimBalances(business, [], [], '2025-10-13', RATES)).toEqual({
      claims: [],
      totals: { principalDueCents: 0, interestDueCents: 0, indemnityDueCents: 0, totalDueCents: 0 },
      estimated: false,
    });
  });
});
