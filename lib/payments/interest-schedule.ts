// A plan whose instalments include the interest that runs until each is paid (PlanInterestMode INCLUDED).
// Pure: the schedule is found by running the interest engine and the imputation rules themselves over the
// plan's dates, so a debtor who pays each instalment on its day leaves exactly nothing owed after the last.
import { claimBalances, type AllocationRow, type ClaimRow } from '../interest/balances';
import type { InterestFreeze, RateTables } from '../interest/rules';
import { AppError } from '../errors/app-error';
import { allocatePayment } from './allocation';
import { MAX_INSTALMENTS, PAYMENT_MESSAGES as M } from './messages';
import { buildSchedule, dueOnOf, type ScheduleInput, type ScheduledInstalment } from './schedule';

export interface PlanLedger {
  file: { formalNoticeOn: string | null; interestFrozen?: readonly InterestFreeze[] };
  claims: ClaimRow[];
  allocations: AllocationRow[];
  rates: RateTables;
}

/** Replays payments of `amounts` on `days` against the ledger; returns what is still owed on each day before paying. */
function replay(ledger: PlanLedger, payments: { on: string; cents: number }[], lastOn: string): number {
  const allocations = [...ledger.allocations];
  for (const { on, cents } of payments) {
    const owed = claimBalances(ledger.file, ledger.claims, allocations, on, ledger.rates);
    const pay = Math.min(cents, owed.totals.totalDueCents);
    if (pay <= 0) continue;
    for (const line of allocatePayment(pay, owed.claims, [], on).lines) {
      if (line.claimId !== null && line.part !== 'CREDIT')
        allocations.push({ claimId: line.claimId, part: line.part, cents: line.cents, on });
    }
  }
  return claimBalances(ledger.file, ledger.claims, allocations, lastOn, ledger.rates).totals.totalDueCents;
}

const notCovered = () =>
  AppError.invalid({
    instalmentCents: M.notCoveredWithInterest,
  });

/**
 * The schedule of a plan including interest: the same terms as buildSchedule (which validates them against
 * the day's balance first), but each instalment is imputed on its due day as a payment would be (Code civil
 * 1343-1 and 1342-10, lib/payments/allocation.ts), and interest keeps running on the principal left.
 * - By count: the smallest level instalment for which the last one (the remainder on its day) is no larger.
 * - By amount: as many instalments of that amount as it takes; the last is the remainder on its day.
 */
export function buildScheduleWithInterest(ledger: PlanLedger, input: ScheduleInput): ScheduledInstalment[] {
  const plain = buildSchedule(input);
  const down = plain.filter((i) => i.seq === 0);
  const downPayments = down.map((i) => ({ on: i.dueOn, cents: i.amountCents }));

  if (input.instalmentCount !== undefined) {
    const days = plain.filter((i) => i.seq > 0).map((i) => i.dueOn);
    const lastOn = days.at(-1)!;
    const remainderWith = (each: number) =>
      replay(ledger, [...downPayments, ...days.slice(0, -1).map((on) => ({ on, cents: each }))], lastOn);
    // remainderWith only falls as `each` grows: the smallest `each` leaving a last instalment ≤ each.
    let lo = 1;
    let hi = Math.max(1, remainderWith(0));
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (remainderWith(mid) <= mid) hi = mid;
      else lo = mid + 1;
    }
    const last = remainderWith(lo);
    if (last <= 0)
      throw AppError.invalid({
        instalmentCount: M.zeroInstalment,
      });
    return [
      ...down,
      ...days.map((dueOn, n) => ({ seq: n + 1, dueOn, amountCents: n === days.length - 1 ? last : lo })),
    ];
  }

  const each = input.instalmentCents!;
  const schedule: ScheduledInstalment[] = [...down];
  const paid = [...downPayments];
  for (let n = 0; n < MAX_INSTALMENTS; n++) {
    const dueOn = dueOnOf(input.firstDueOn, input.frequency, n);
    const owed = replay(ledger, paid, dueOn);
    if (owed <= each) {
      if (owed > 0) schedule.push({ seq: n + 1, dueOn, amountCents: owed });
      return schedule;
    }
    schedule.push({ seq: n + 1, dueOn, amountCents: each });
    paid.push({ on: dueOn, cents: each });
  }
  throw notCovered();
}
