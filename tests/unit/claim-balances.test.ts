import { describe, expect, it } from 'vitest';
import { claimBalances, type AllocationRow, type ClaimRow } from '../../lib/interest/balances';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

const business = { formalNoticeOn: null };
const b2b = { nature: 'B2B' as const, contractRateBps: null, creditorIsPrivateIndividual: false };
const claims: ClaimRow[] = [
  { id: 'a', invoiceNumber: 'F-001', dueOn: '2025-07-15', principalCents: 100_000, ...b2b },
  { id: 'b', invoiceNumber: 'F-002', dueOn: '2025-09-30', principalCents: 50_000, ...b2b },
];
const asConsumer = (rows: ClaimRow[]) => rows.map((c) => ({ ...c, nature: 'CONSUMER' as const }));
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
    const result = claimBalances({ formalNoticeOn: null }, asConsumer(claims), allocations, '2025-10-13', RATES);
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
    const result = claimBalances(
      { formalNoticeOn: '2025-12-01' },
      asConsumer(claims.slice(0, 1)),
      [],
      '2026-07-14',
      RATES,
    );
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

  it('prices each claim on its own nature: a consumer claim beside a B2B one on the same file', () => {
    // No formal notice, as of 13 October 2025. F-001 is B2B: 16 Jul–13 Oct, 90 days on 100 000 at ECB 2.15 % + 10
    // = 12.15 %: 100 000 × 1215 × 90 / 3 650 000 = 2 995.89 → 2 996, plus the €40 indemnity: 106 996.
    // F-002 is a consumer claim: no interest before a formal notice (C. civ. 1231-6), no indemnity: 50 000.
    const mixed = [claims[0]!, { ...claims[1]!, nature: 'CONSUMER' as const }];
    const result = claimBalances(business, mixed, [], '2025-10-13', RATES);
    expect(result.claims.map((c) => [c.interestDueCents, c.indemnityDueCents, c.totalDueCents])).toEqual([
      [2996, 4000, 106_996],
      [0, 0, 50_000],
    ]);
  });

  it("applies the creditor's contract rate, not ECB + 10, when its terms say 3 × the legal rate", () => {
    // €10 000 B2B due 31 March 2025, as of 30 April 2025: 30 days in 2025 H1 (365-day year).
    // Terms "3 × the legal rate" (contractRateBps 0: the lowest the law allows, floored, C. com. L441-10 II):
    //   3 × 3.71 % = 11.13 %: 1 000 000 × 1113 × 30 / 3 650 000 = 9 147.95 → 9 148.
    // Without terms, ECB of 1 January 2025 (3.15 %) + 10 = 13.15 %: 1 000 000 × 1315 × 30 / 3 650 000
    //   = 10 808.22 → 10 808, which must not be claimed from this creditor's debtor.
    const claim: ClaimRow = { ...b2b, id: 'c', invoiceNumber: 'F-3X', dueOn: '2025-03-31', principalCents: 1_000_000 };
    const threeTimes = claimBalances(business, [{ ...claim, contractRateBps: 0 }], [], '2025-04-30', RATES);
    expect(threeTimes.claims[0]?.interestDueCents).toBe(9148);
    expect(threeTimes.claims[0]?.charges.periods.map((p) => p.basis)).toEqual(['THREE_TIMES_LEGAL']);
    // A stated rate above the floor applies as written: 12 %: 1 000 000 × 1200 × 30 / 3 650 000 = 9 863.01 → 9 863.
    const twelve = claimBalances(business, [{ ...claim, contractRateBps: 1200 }], [], '2025-04-30', RATES);
    expect(twelve.claims[0]?.interestDueCents).toBe(9863);
    const none = claimBalances(business, [claim], [], '2025-04-30', RATES);
    expect(none.claims[0]?.interestDueCents).toBe(10_808);
  });

  it('gives a private landlord (civil claim, creditor a private individual) the higher legal rate', () => {
    // €10 000 due 1 February 2025, formal notice 1 March 2025, as of 31 March 2025: 2–31 March, 30 days.
    // Creditor a natural person (CMF L313-2): 7.21 %: 1 000 000 × 721 × 30 / 3 650 000 = 5 926.03 → 5 926.
    // Any other creditor: 3.71 %: 1 000 000 × 371 × 30 / 3 650 000 = 3 049.32 → 3 049. Civil: no indemnity.
    const rent: ClaimRow = {
      id: 'r',
      invoiceNumber: 'LOYER-02',
      dueOn: '2025-02-01',
      principalCents: 1_000_000,
      nature: 'CIVIL',
      contractRateBps: null,
      creditorIsPrivateIndividual: true,
    };
    const notice = { formalNoticeOn: '2025-03-01' };
    const person = claimBalances(notice, [rent], [], '2025-03-31', RATES).claims[0];
    expect([person?.interestDueCents, person?.indemnityDueCents]).toEqual([5926, 0]);
    const company = claimBalances(notice, [{ ...rent, creditorIsPrivateIndividual: false }], [], '2025-03-31', RATES);
    expect(company.claims[0]?.interestDueCents).toBe(3049);
  });
});
