// Payment plans (échéanciers), pure: the schedule an agent proposes, how money received settles its
// instalments, and when a missed instalment breaks it. Days are 'YYYY-MM-DD' strings; `today` is passed.
import { addDays, addMonths, isCalendarDay } from '../dates/days';
import { AppError, type FieldRefs } from '../errors/app-error';
import { MAX_INSTALMENTS, PAYMENT_MESSAGES as M } from './messages';

export type PlanFrequency = 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY';
export type InstalmentStatus = 'DUE' | 'PAID' | 'LATE' | 'MISSED';

export interface ScheduleInput {
  /** What the file owes now; the plan must settle exactly this. */
  balanceCents: number;
  downPaymentCents: number;
  /** Exactly one of instalmentCount and instalmentCents. */
  instalmentCount?: number;
  instalmentCents?: number;
  firstDueOn: string;
  frequency: PlanFrequency;
  today: string;
}

export interface ScheduledInstalment {
  /** 0 is the down payment (due today); instalments count from 1. */
  seq: number;
  dueOn: string;
  amountCents: number;
}

/** Due day of the n-th instalment (0-based). Months count from the first date, so clamping never drifts. */
export function dueOnOf(firstDueOn: string, frequency: PlanFrequency, n: number): string {
  if (frequency === 'WEEKLY') return addDays(firstDueOn, 7 * n);
  if (frequency === 'BIWEEKLY') return addDays(firstDueOn, 14 * n);
  return addMonths(firstDueOn, n);
}

const isCents = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * The schedule of a plan: the down payment (seq 0, today) if any, then instalments from `firstDueOn` at
 * `frequency`. They add up to the balance exactly: with a count, each instalment is the balance divided
 * evenly, rounded down, and the last one takes the remainder; with an amount, each is that amount and
 * the last one is what remains. Refusals are one INVALID error naming every field at fault.
 */
export function buildSchedule(input: ScheduleInput): ScheduledInstalment[] {
  const { balanceCents, downPaymentCents, instalmentCount, instalmentCents, firstDueOn, frequency, today } = input;
  const fields: FieldRefs = {};
  if (!isCents(balanceCents) || balanceCents <= 0) fields.balanceCents = M.nothingDue;
  if (!isCents(downPaymentCents) || downPaymentCents < 0) fields.downPaymentCents = M.downPayment;
  else if (isCents(balanceCents) && balanceCents > 0 && downPaymentCents >= balanceCents) {
    fields.downPaymentCents = M.downPaymentTooLarge;
  }
  const byCount = instalmentCount !== undefined;
  if (byCount === (instalmentCents !== undefined)) {
    fields.instalmentCount = M.instalmentChoice;
    fields.instalmentCents = M.instalmentChoice;
  } else if (byCount && (!isCents(instalmentCount) || instalmentCount < 1 || instalmentCount > MAX_INSTALMENTS)) {
    fields.instalmentCount = M.instalmentCount;
  } else if (!byCount && (!isCents(instalmentCents) || instalmentCents <= 0)) {
    fields.instalmentCents = M.instalmentCents;
  }
  if (!['WEEKLY', 'BIWEEKLY', 'MONTHLY'].includes(frequency)) fields.frequency = M.frequency;
  if (!isCalendarDay(today)) throw new RangeError(`today must be a day written YYYY-MM-DD, not ${String(today)}`);
  if (!isCalendarDay(firstDueOn)) fields.firstDueOn = M.day;
  else if (firstDueOn < today) fields.firstDueOn = M.pastDate;
  else if (firstDueOn === today && isCents(downPaymentCents) && downPaymentCents > 0) {
    // The down payment is due today; a first instalment on the same day would just be a larger down payment.
    fields.firstDueOn = M.afterDownPayment;
  }
  if (Object.keys(fields).length === 0) {
    const rest = balanceCents - downPaymentCents;
    if (byCount && Math.floor(rest / instalmentCount!) === 0) fields.instalmentCount = M.zeroInstalment;
    if (!byCount && Math.ceil(rest / instalmentCents!) > MAX_INSTALMENTS) fields.instalmentCents = M.notCovered;
  }
  if (Object.keys(fields).length > 0) {
    throw AppError.invalid(fields);
  }

  const rest = balanceCents - downPaymentCents;
  const count = byCount ? instalmentCount! : Math.ceil(rest / instalmentCents!);
  const each = byCount ? Math.floor(rest / count) : instalmentCents!;
  const schedule: ScheduledInstalment[] = [];
  if (downPaymentCents > 0) schedule.push({ seq: 0, dueOn: today, amountCents: downPaymentCents });
  for (let n = 0; n < count; n++) {
    const last = n === count - 1;
    schedule.push({
      seq: n + 1,
      dueOn: dueOnOf(firstDueOn, frequency, n),
      amountCents: last ? rest - each * (count - 1) : each,
    });
  }
  return schedule;
}

export interface TrackedInstalment {
  seq: number;
  dueOn: string;
  amountCents: number;
  paidCents: number;
}

export type InstalmentEvaluation = { seq: number; status: InstalmentStatus }[] & { broken: boolean };

/**
 * Where each instalment stands on `today`: PAID once fully paid; DUE until its day has passed; LATE
 * after it; MISSED once the grace period after it has run out too — and a missed instalment breaks the plan.
 */
export function evaluateInstalments(
  instalments: readonly TrackedInstalment[],
  today: string,
  graceDays: number,
): InstalmentEvaluation {
  const statuses = instalments.map(({ seq, dueOn, amountCents, paidCents }) => {
    let status: InstalmentStatus;
    if (paidCents >= amountCents) status = 'PAID';
    else if (today <= dueOn) status = 'DUE';
    else if (today <= addDays(dueOn, graceDays)) status = 'LATE';
    else status = 'MISSED';
    return { seq, status };
  });
  return Object.assign(statuses, { broken: statuses.some((s) => s.status === 'MISSED') });
}

/**
 * Money received settles the oldest unpaid instalments first (by seq), each up to its amount; a negative
 * sum (a reversal) takes money back from the most recently settled ones. Returns the instalments with
 * their new paid amounts and what could not be placed (paid beyond the plan, or more taken back than paid).
 */
export function applyToInstalments<T extends Pick<TrackedInstalment, 'seq' | 'amountCents' | 'paidCents'>>(
  instalments: readonly T[],
  cents: number,
): { instalments: T[]; leftoverCents: number } {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a whole number, not ${cents}`);
  const result = instalments.map((i) => ({ ...i }));
  const order = [...result].sort((a, b) => (cents >= 0 ? a.seq - b.seq : b.seq - a.seq));
  let left = Math.abs(cents);
  for (const instalment of order) {
    if (left === 0) break;
    const room = cents >= 0 ? Math.max(0, instalment.amountCents - instalment.paidCents) : instalment.paidCents;
    const moved = Math.min(room, left);
    instalment.paidCents += cents >= 0 ? moved : -moved;
    left -= moved;
  }
  return { instalments: result, leftoverCents: cents >= 0 ? left : -left };
}
