import { describe, expect, it } from 'vitest';
import { chargesStopOn, claimBalances, type ClaimRow } from '../../lib/interest/balances';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

// Collective proceedings opened on Monday 16 June 2025 (the judgment takes effect from 0 h that day).
const JUDGMENT = '2025-06-16';

const claim = (id: string, issuedOn: string, dueOn: string): ClaimRow => ({
  id,
  invoiceNumber: id,
  issuedOn,
  dueOn,
  principalCents: 1_000_000,
  nature: 'B2B',
  contractRateBps: null,
  creditorIsPrivateIndividual: false,
});

describe('charges after an opening judgment (C. com. L622-28, L622-17)', () => {
  it('stops the day before the judgment for a claim born before it, never for one born on or after it', () => {
    expect(chargesStopOn('2025-06-15', JUDGMENT)).toBe('2025-06-15');
    expect(chargesStopOn('2025-06-16', JUDGMENT)).toBeNull();
    expect(chargesStopOn(undefined, JUDGMENT)).toBe('2025-06-15');
    expect(chargesStopOn('2025-01-01', null)).toBeNull();
  });

  it('computes each claim on its own side of the judgment, read on 31 December 2025', () => {
    const balances = claimBalances(
      { formalNoticeOn: null, openingJudgmentOn: JUDGMENT },
      [
        claim('BEFORE', '2025-03-01', '2025-03-31'),
        claim('BEFORE-DUE-AFTER', '2025-06-01', '2025-07-01'),
        claim('AFTER', '2025-06-20', '2025-07-20'),
      ],
      [],
      '2025-12-31',
      RATES,
    );
    const byId = Object.fromEntries(balances.claims.map((c) => [c.claimId, c]));
    // BEFORE, €10,000 due 31 March 2025: penalties from 1 April to 15 June 2025 only (30 + 31 + 15 = 76 days), at
    // the ECB rate of 1 January 2025 (3.15 %, from 18 December 2024) + 10 points = 13.15 %:
    //   1 000 000 × 1315 × 76 / 3 650 000 = 27 380.82 → 27 381; the €40 is owed (late since 1 April).
    expect([byId.BEFORE!.interestAccruedCents, byId.BEFORE!.indemnityDueCents]).toEqual([27_381, 4000]);
    expect(byId.BEFORE!.charges.periods.at(-1)?.to).toBe('2025-06-15');
    // BEFORE-DUE-AFTER: born 1 June, due 1 July: late only from 2 July, after the judgment: nothing accrues.
    expect([byId['BEFORE-DUE-AFTER']!.interestAccruedCents, byId['BEFORE-DUE-AFTER']!.indemnityDueCents]).toEqual([
      0, 0,
    ]);
    // AFTER (L622-17), born 20 June, due 20 July: penalties run as usual, 21 July to 31 December 2025
    // (11 + 31 + 30 + 31 + 30 + 31 = 164 days) at the ECB rate of 1 July 2025 (2.15 %) + 10 = 12.15 %:
    //   1 000 000 × 1215 × 164 / 3 650 000 = 54 591.78 → 54 592; and the €40.
    expect([byId.AFTER!.interestAccruedCents, byId.AFTER!.indemnityDueCents]).toEqual([54_592, 4000]);
  });
});
