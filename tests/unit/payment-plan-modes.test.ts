import { describe, expect, it } from 'vitest';
import { claimBalances, type AllocationRow, type ClaimRow } from '../../lib/interest/balances';
import type { InterestFreeze, RateTables } from '../../lib/interest/rules';
import { allocatePayment } from '../../lib/payments/allocation';
import { buildScheduleWithInterest } from '../../lib/payments/interest-schedule';
import { approvalReasons } from '../../lib/payments/plan-terms';
import { breachDay } from '../../lib/payments/plan-progress';
import { buildSchedule, type ScheduledInstalment } from '../../lib/payments/schedule';

// The review's case (issue 14): a B2B invoice of €10,000 due 2025-12-31, a 12-month plan agreed on 2026-01-31,
// first instalment 2026-02-28. Rates: ECB main refinancing rate 2.15 % (in force since 2025-06-11, so on
// 1 January and 1 July 2026), penalties ECB + 10 points = 12.15 % (C. com. L441-10 II). 2026 has 365 days.
//
// Balance on 2026-01-31: interest for 31 days = 1 000 000 × 0.1215 × 31 / 365 = 10 319.18 → 10 319 cents;
// indemnity 4 000 (D441-5); principal 1 000 000; total 1 014 319 cents (€10,143.19).
const RATES: RateTables = {
  legal: [
    { validFrom: '2026-01-01', validTo: '2026-06-30', individualBps: 662, otherBps: 276 },
    { validFrom: '2026-07-01', validTo: '2026-12-31', individualBps: 662, otherBps: 276 },
  ],
  ecb: [{ validFrom: '2025-06-11', rateBps: 215 }],
};
const FILE = { formalNoticeOn: null };
const CLAIM: ClaimRow = {
  id: 'inv-1',
  invoiceNumber: 'F-1',
  dueOn: '2025-12-31',
  principalCents: 1_000_000,
  nature: 'B2B',
  contractRateBps: null,
  creditorIsPrivateIndividual: false,
};
const AGREED = '2026-01-31';
const TERMS = {
  downPaymentCents: 0,
  instalmentCount: 12,
  firstDueOn: '2026-02-28',
  frequency: 'MONTHLY' as const,
  today: AGREED,
};

/** Pays each instalment on its day as lib/payments/record-payment does; returns what is owed after the last. */
function payAsAgreed(schedule: readonly ScheduledInstalment[], frozen: InterestFreeze[] = []): number {
  const allocations: AllocationRow[] = [];
  const file = { ...FILE, interestFrozen: frozen };
  for (const { dueOn, amountCents } of schedule) {
    const owed = claimBalances(file, [CLAIM], allocations, dueOn, RATES);
    for (const line of allocatePayment(amountCents, owed.claims, [], dueOn).lines) {
      if (line.part === 'CREDIT') return -line.cents;
      allocations.push({ claimId: line.claimId!, part: line.part, cents: line.cents, on: dueOn });
    }
  }
  return claimBalances(file, [CLAIM], allocations, schedule.at(-1)!.dueOn, RATES).totals.totalDueCents;
}

describe('the balance a plan starts from', () => {
  it('is €10,143.19 on 2026-01-31', () => {
    expect(claimBalances(FILE, [CLAIM], [], AGREED, RATES).totals).toEqual({
      principalDueCents: 1_000_000,
      interestDueCents: 10_319,
      indemnityDueCents: 4_000,
      totalDueCents: 1_014_319,
    });
  });
});

describe('a plan sized on the day and interest left running (the old way) leaves a debt', () => {
  it('leaves €703.40 after the twelfth instalment', () => {
    // 1 014 319 / 12 = 84 526.58 → 11 × 84 526 and a last of 84 533. Interest keeps running on the principal
    // left after each instalment (each month's interest taken first from the next one), so the last
    // instalment leaves 70 340 cents (a month-by-month table, each month rounded half-up; its first row:
    // February, 1 000 000 × 0.1215 × 28 / 365 = 9 320.55 → 9 321 cents, paid first out of instalment 1).
    const schedule = buildSchedule({ ...TERMS, balanceCents: 1_014_319 });
    expect(payAsAgreed(schedule)).toBe(70_340);
  });
});

describe('mode FROZEN: interest waived while the plan is honoured', () => {
  const schedule = buildSchedule({ ...TERMS, balanceCents: 1_014_319 });

  it('splits the day’s balance: 11 × €845.26 and a last of €845.33', () => {
    // 1 014 319 = 11 × 84 526 + 84 533.
    expect(schedule.map((i) => i.amountCents)).toEqual([...Array(11).fill(84_526), 84_533]);
  });

  it('ends at exactly 0 when every instalment is paid on its day', () => {
    // Frozen from the day after the agreement: no interest runs, so the payments add up to the balance.
    expect(payAsAgreed(schedule, [{ from: '2026-02-01', to: null }])).toBe(0);
  });

  it('lets interest run again from the day after a missed instalment fell due', () => {
    // Instalments 1–3 paid (3 × 84 526 = 253 578), the fourth (2026-05-31) missed: the freeze ends on
    // 2026-05-31. Owed on 2026-06-30: 1 014 319 − 253 578 = 760 741, of which principal 760 741 − 0
    // (interest 10 319 and indemnity 4 000 were paid first by instalment 1, so principal is
    // 1 000 000 − (253 578 − 14 319) = 760 741); then 30 days at 12.15 %: 760 741 × 0.1215 × 30 / 365
    // = 7 597.05 → 7 597 cents.
    const frozen = [{ from: '2026-02-01', to: breachDay([{ dueOn: '2026-05-31', status: 'MISSED' }], '2026-06-11') }];
    expect(frozen[0]!.to).toBe('2026-05-31');
    const allocations: AllocationRow[] = [];
    for (const { dueOn, amountCents } of schedule.slice(0, 3)) {
      const owed = claimBalances({ ...FILE, interestFrozen: frozen }, [CLAIM], allocations, dueOn, RATES);
      for (const l of allocatePayment(amountCents, owed.claims, [], dueOn).lines)
        if (l.part !== 'CREDIT') allocations.push({ claimId: l.claimId!, part: l.part, cents: l.cents, on: dueOn });
    }
    const owed = claimBalances({ ...FILE, interestFrozen: frozen }, [CLAIM], allocations, '2026-06-30', RATES);
    expect(owed.totals).toMatchObject({ principalDueCents: 760_741, interestDueCents: 7_597, indemnityDueCents: 0 });
  });
});

describe('mode INCLUDED: instalments carry the interest to each payment date', () => {
  const schedule = buildScheduleWithInterest(
    { file: FILE, claims: [CLAIM], allocations: [], rates: RATES },
    { ...TERMS, balanceCents: 1_014_319 },
  );

  it('gives 11 × €900.68 and a last of €900.62 (€10,808.10 in all)', () => {
    // Found by hand with a month-by-month table (interest on the principal left, 12.15 %, 365 days, each
    // month rounded; each instalment paying that month's interest, then the €40 once, then principal):
    // the smallest level instalment for which the twelfth (what is left on 2026-01-31 + 12 months) is no
    // larger is 90 068 cents; the last is then 90 062. Total 11 × 90 068 + 90 062 = 1 080 810, i.e.
    // 66 491 cents of interest beyond the day's balance.
    expect(schedule.map((i) => i.amountCents)).toEqual([...Array(11).fill(90_068), 90_062]);
    expect(schedule.at(-1)!.dueOn).toBe('2027-01-28');
  });

  it('ends at exactly 0 when every instalment is paid on its day', () => {
    expect(payAsAgreed(schedule)).toBe(0);
  });

  it('by amount: as many instalments of that amount as it takes, the last one the remainder on its day', () => {
    const byAmount = buildScheduleWithInterest(
      { file: FILE, claims: [CLAIM], allocations: [], rates: RATES },
      { ...TERMS, instalmentCount: undefined, instalmentCents: 90_068, balanceCents: 1_014_319 },
    );
    expect(byAmount.map((i) => i.amountCents)).toEqual([...Array(11).fill(90_068), 90_062]);
    expect(payAsAgreed(byAmount)).toBe(0);
  });

  it('refuses an amount that never catches up with the interest', () => {
    // 1 000 000 × 12.15 % / 12 ≈ 10 125 cents of interest a month: €100 a month never pays the principal down.
    expect(() =>
      buildScheduleWithInterest(
        { file: FILE, claims: [CLAIM], allocations: [], rates: RATES },
        { ...TERMS, instalmentCount: undefined, instalmentCents: 10_000, balanceCents: 1_014_319 },
      ),
    ).toThrow(/instalmentCents/);
  });
});

describe('plans the creditor must approve (CPCE R124-5)', () => {
  const monthly = (n: number, amount: number) =>
    buildSchedule({ ...TERMS, instalmentCount: n, balanceCents: n * amount });

  it('needs none within the mandate: 12 months ending 2027-01-28, not after 2027-01-31', () => {
    expect(approvalReasons(monthly(12, 10_000), { maxMonths: 12, minInstalmentCents: 0 }, AGREED)).toEqual([]);
  });

  it('needs the creditor beyond the mandate’s months: 13 instalments end 2027-02-28 > 2027-01-31', () => {
    expect(approvalReasons(monthly(13, 10_000), { maxMonths: 12, minInstalmentCents: 0 }, AGREED)).toEqual([
      'TOO_LONG',
    ]);
  });

  it('needs the creditor below the minimum instalment, and says both reasons when both apply', () => {
    expect(approvalReasons(monthly(6, 4_999), { maxMonths: 12, minInstalmentCents: 5_000 }, AGREED)).toEqual([
      'BELOW_MINIMUM',
    ]);
    expect(approvalReasons(monthly(6, 5_000), { maxMonths: 12, minInstalmentCents: 5_000 }, AGREED)).toEqual([]);
    expect(approvalReasons(monthly(24, 1_000), { maxMonths: 12, minInstalmentCents: 5_000 }, AGREED)).toEqual([
      'TOO_LONG',
      'BELOW_MINIMUM',
    ]);
  });
});
