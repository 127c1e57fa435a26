/**
 * # How the work queue ranks files
 *
 * Every morning each agent sees the files assigned to them that need them today, highest score first.
 * A file's score is the sum of the points of its reasons; the reasons are shown beside the file, so an
 * agent always knows why a file is where it is ("Promesse échue hier — 450 €").
 *
 * ## What puts a file in the queue (something is due)
 * A file enters the queue on the first day one of these is due, and leaves it once it is dealt with.
 *
 * | reason              | when                                                                     | points |
 * | ------------------- | ------------------------------------------------------------------------ | -----: |
 * | CALLBACK_DUE        | a callback the agent scheduled is due (today at its time, or overdue)     |    100 |
 * | PROMISE_OVERDUE     | the date of a promise to pay has passed and the promise is still pending  |     90 |
 * | INSTALMENT_MISSED   | a plan instalment was missed (grace period over) since the last contact   |     85 |
 * | PROMISE_BROKEN      | a promise was recorded as broken since the last contact                   |     80 |
 * | LIMITATION_SOON     | the claim becomes time-barred within 30 days                              |     80 |
 * | TASK_DUE            | another task the agency set is due (insolvency follow-up 80, dispute 60,  |  40–80 |
 * |                     | visit 50, call 50, review 40)                                             |        |
 * | DISPUTE_OPEN        | the debtor disputes the claim and is waiting for an answer                |     70 |
 * | PROMISE_DUE_TODAY   | a promise to pay falls due today                                          |     60 |
 * | INSTALMENT_LATE     | a plan instalment is unpaid after its date (within the grace period)      |     55 |
 * | SCENARIO_STEP       | the reminder scenario asks for a call, visit or review today              |     45 |
 * | NEW_FILE            | the debtor has never been contacted                                       |     40 |
 * | LIMITATION_NEAR     | the claim becomes time-barred within 31 to 90 days                        |     40 |
 * | LIMITATION_PASSED   | the limitation date has passed: the file needs a decision                 |     30 |
 * | NO_RECENT_CONTACT   | no contact for 60 days or more                                            |     25 |
 *
 * ## What moves a file up or down once it is in the queue
 * These never put a file in the queue on their own; they order files that are due the same day.
 *
 * | reason              | rule                                                                     | points |
 * | ------------------- | ------------------------------------------------------------------------ | -----: |
 * | AMOUNT              | amount still owed: from 500 € +10, 2,000 € +20, 5,000 € +35, 15,000 € +50 | 10–50 |
 * | DEBT_AGE            | recent debts are recovered more often: under 90 days past due +10,        |   5–10 |
 * |                     | under a year +5 (the old end is covered by the limitation reasons)        |        |
 * | BROKEN_PROMISES     | +10 per promise the debtor broke in the past, at most +30                 |  10–30 |
 * | KEPT_PROMISES       | −10 per promise the debtor kept, at most −20: a debtor who keeps their    | −10–−20 |
 * |                     | word needs less chasing                                                   |        |
 * | NO_RECENT_CONTACT   | 30 to 59 days without contact (from 60 days it puts the file in the queue)|     10 |
 *
 * ## When a file does not need its agent
 * - Closed files (paid, irrecoverable, withdrawn) never appear.
 * - Suspended files (insolvency proceedings, over-indebtedness) appear only for the tasks an agent set on
 *   them, such as declaring the claim to the mandataire within two months; collection itself has stopped.
 * - Disputed files: collection pauses, so promises, plans, new-file and no-contact reasons do not count;
 *   the dispute itself, the agent's tasks and the limitation date still do.
 * - While a promise is pending and not yet due, or a payment plan is on schedule, the debtor is not chased
 *   for being new or for lack of contact.
 *
 * The queue shows a file from its "attention date": the day its oldest due item fell due (a promise
 * dated last Friday: last Friday), or, when nothing is due yet, the first day something will be (a callback
 * next Tuesday). Reasons and points are those of today; a nightly job recomputes every file so that the
 * passing of time (a promise falling due) is seen without anyone touching the file. Reasons carry dates,
 * not numbers of days, and the attention date of a due file stays put, so from one day to the next only
 * the files whose rank really moved are rewritten.
 *
 * This file is pure: no clock, no database. `today` is the agency's calendar day ('YYYY-MM-DD').
 */
import type { FilePhase, FileStatus, TaskKind } from '../db/generated/enums';
import { addDays, daysBetween } from '../dates/days';

export type ReasonCode =
  | 'CALLBACK_DUE'
  | 'PROMISE_OVERDUE'
  | 'INSTALMENT_MISSED'
  | 'PROMISE_BROKEN'
  | 'LIMITATION_SOON'
  | 'TASK_DUE'
  | 'DISPUTE_OPEN'
  | 'PROMISE_DUE_TODAY'
  | 'INSTALMENT_LATE'
  | 'SCENARIO_STEP'
  | 'NEW_FILE'
  | 'LIMITATION_NEAR'
  | 'LIMITATION_PASSED'
  | 'NO_RECENT_CONTACT'
  | 'AMOUNT'
  | 'DEBT_AGE'
  | 'BROKEN_PROMISES'
  | 'KEPT_PROMISES';

export interface Reason {
  code: ReasonCode;
  points: number;
  /**
   * What the screen needs to say it: dates ('YYYY-MM-DD'), amounts in cents, a count, a time ('HH:MM').
   * Never a number of days: the screen counts them from today, so a reason stays the same from one day to
   * the next and the nightly refresh rewrites only the files whose rank really moved.
   */
  params?: Record<string, string | number>;
}

export interface Score {
  score: number;
  /**
   * The first day the file needs its agent: when something is due, the day the oldest due item fell due;
   * otherwise the first future day something will be; null when nothing is due or scheduled.
   */
  attentionOn: string | null;
  /** The reasons that make the file due, highest points first, then those that only order it. */
  reasons: Reason[];
}

export interface OpenTask {
  kind: TaskKind;
  /** 'agent' for tasks people set, 'scenario' for steps the reminder scenario created. */
  source: string;
  /** Due day and time in the agency's time zone. */
  dueOn: string;
  dueTime: string;
}

/** What the score looks at, all as of the moment it is computed. Money in cents, days as 'YYYY-MM-DD'. */
export interface FileFacts {
  status: FileStatus;
  phase: FilePhase;
  /** Principal placed minus what was collected. */
  amountAtStakeCents: number;
  oldestDueOn: string | null;
  placedOn: string;
  lastContactOn: string | null;
  limitationOn: string | null;
  /** The earliest pending promise. */
  pendingPromise: { dueOn: string; amountCents: number } | null;
  brokenPromises: number;
  keptPromises: number;
  /** The promise broken most recently, on the day it was recorded as broken. */
  lastBrokenPromise: { on: string; amountCents: number } | null;
  /** The earliest unpaid instalment (due or late) of the file's current plan, with what remains of it. */
  unpaidInstalment: { dueOn: string; amountCents: number } | null;
  /**
   * Missed instalments (grace period over): how many, the day the latest one became missed (its date plus
   * the plan's grace days, plus one), and the sum left unpaid.
   */
  missedInstalments: { count: number; lastMissedOn: string; amountCents: number } | null;
  openTasks: OpenTask[];
  /** The day the oldest open dispute was opened. */
  openDisputeOn: string | null;
}

/** Points of the reasons that put a file in the queue. */
export const TRIGGER_POINTS = {
  CALLBACK_DUE: 100,
  PROMISE_OVERDUE: 90,
  INSTALMENT_MISSED: 85,
  PROMISE_BROKEN: 80,
  LIMITATION_SOON: 80,
  DISPUTE_OPEN: 70,
  PROMISE_DUE_TODAY: 60,
  INSTALMENT_LATE: 55,
  SCENARIO_STEP: 45,
  NEW_FILE: 40,
  LIMITATION_NEAR: 40,
  LIMITATION_PASSED: 30,
  NO_RECENT_CONTACT: 25,
} as const satisfies Partial<Record<ReasonCode, number>>;

/** TASK_DUE points by kind of task (callbacks have their own reason; a remittance is no debtor work). */
export const TASK_POINTS: Record<Exclude<TaskKind, 'CALLBACK' | 'REMITTANCE_DUE'>, number> = {
  INSOLVENCY_FOLLOW_UP: 80,
  // A procedure's deadline a week away (lib/judicial): a lapse voids an order or a measure.
  JUDICIAL_DEADLINE: 80,
  DISPUTE: 60,
  VISIT: 50,
  CALL: 50,
  REVIEW: 40,
};

/** Amount still owed → points, highest threshold first. */
export const AMOUNT_TIERS: readonly { fromCents: number; points: number }[] = [
  { fromCents: 1_500_000, points: 50 },
  { fromCents: 500_000, points: 35 },
  { fromCents: 200_000, points: 20 },
  { fromCents: 50_000, points: 10 },
];

export const LIMITATION_SOON_DAYS = 30;
export const LIMITATION_NEAR_DAYS = 90;
/** From this many days without contact the file is due; from the lower bound it only ranks higher. */
export const STALE_CONTACT_DAYS = 60;
export const QUIET_CONTACT_DAYS = 30;
export const QUIET_CONTACT_POINTS = 10;
const PROMISE_HISTORY_POINTS = 10;
const MAX_BROKEN_POINTS = 30;
const MAX_KEPT_POINTS = 20;

const CLOSED_STATUSES: readonly FileStatus[] = ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'];

/** Something the agent must do: the day it becomes due, and the reason it gives from that day. */
interface Trigger {
  on: string;
  reason: Reason;
}

function amountPoints(cents: number): number {
  return AMOUNT_TIERS.find((t) => cents >= t.fromCents)?.points ?? 0;
}

function taskTriggers(facts: FileFacts, agentTasksOnly: boolean): Trigger[] {
  const out: Trigger[] = [];
  // One reason per kind of reason: the earliest task of each says when it became due.
  const seen = new Set<string>();
  const sorted = [...facts.openTasks].sort((a, b) => (a.dueOn + a.dueTime < b.dueOn + b.dueTime ? -1 : 1));
  for (const task of sorted) {
    // The creditor's funds to remit (CPCE R124-6) are the manager's, on the finance page: nothing to do with the debtor.
    if (task.kind === 'REMITTANCE_DUE') continue;
    const fromScenario = task.source === 'scenario';
    if (agentTasksOnly && fromScenario) continue;
    const code: ReasonCode = task.kind === 'CALLBACK' ? 'CALLBACK_DUE' : fromScenario ? 'SCENARIO_STEP' : 'TASK_DUE';
    const key = code === 'TASK_DUE' ? `${code}:${task.kind}` : code;
    if (seen.has(key)) continue;
    seen.add(key);
    const points =
      code === 'TASK_DUE'
        ? TASK_POINTS[task.kind as Exclude<TaskKind, 'CALLBACK' | 'REMITTANCE_DUE'>]
        : TRIGGER_POINTS[code];
    const params: Record<string, string | number> = { on: task.dueOn, kind: task.kind };
    if (task.kind === 'CALLBACK') params.time = task.dueTime;
    out.push({ on: task.dueOn, reason: { code, points, params } });
  }
  return out;
}

function limitationTrigger(limitationOn: string, today: string): Trigger {
  const days = daysBetween(today, limitationOn);
  if (days < 0) {
    return {
      on: limitationOn,
      reason: { code: 'LIMITATION_PASSED', points: TRIGGER_POINTS.LIMITATION_PASSED, params: { on: limitationOn } },
    };
  }
  if (days <= LIMITATION_SOON_DAYS) {
    return {
      on: addDays(limitationOn, -LIMITATION_SOON_DAYS),
      reason: { code: 'LIMITATION_SOON', points: TRIGGER_POINTS.LIMITATION_SOON, params: { on: limitationOn } },
    };
  }
  return {
    on: addDays(limitationOn, -LIMITATION_NEAR_DAYS),
    reason: { code: 'LIMITATION_NEAR', points: TRIGGER_POINTS.LIMITATION_NEAR, params: { on: limitationOn } },
  };
}

/** Everything that makes the file need its agent, due today or later. */
function triggers(facts: FileFacts, today: string): Trigger[] {
  const suspended = facts.status === 'SUSPENDED';
  const disputed = facts.status === 'DISPUTED';
  const out: Trigger[] = taskTriggers(facts, suspended);
  if (suspended) return out;

  if (facts.limitationOn) out.push(limitationTrigger(facts.limitationOn, today));
  if (facts.openDisputeOn) {
    out.push({
      on: facts.openDisputeOn,
      reason: {
        code: 'DISPUTE_OPEN',
        points: TRIGGER_POINTS.DISPUTE_OPEN,
        params: { on: facts.openDisputeOn },
      },
    });
  }
  if (disputed) return out;

  const promise = facts.pendingPromise;
  if (promise) {
    const late = daysBetween(promise.dueOn, today);
    out.push(
      late > 0
        ? {
            on: promise.dueOn,
            reason: {
              code: 'PROMISE_OVERDUE',
              points: TRIGGER_POINTS.PROMISE_OVERDUE,
              params: { on: promise.dueOn, amountCents: promise.amountCents },
            },
          }
        : {
            on: promise.dueOn,
            reason: {
              code: 'PROMISE_DUE_TODAY',
              points: TRIGGER_POINTS.PROMISE_DUE_TODAY,
              params: { on: promise.dueOn, amountCents: promise.amountCents },
            },
          },
    );
  }
  // A broken promise or a missed instalment is news until the agent has spoken to the debtor since.
  const since = (day: string) => facts.lastContactOn === null || day > facts.lastContactOn;
  const broken = facts.lastBrokenPromise;
  if (broken && since(broken.on)) {
    out.push({
      on: broken.on,
      reason: {
        code: 'PROMISE_BROKEN',
        points: TRIGGER_POINTS.PROMISE_BROKEN,
        params: { on: broken.on, amountCents: broken.amountCents },
      },
    });
  }
  const missed = facts.missedInstalments;
  if (missed && since(missed.lastMissedOn)) {
    out.push({
      on: missed.lastMissedOn,
      reason: {
        code: 'INSTALMENT_MISSED',
        points: TRIGGER_POINTS.INSTALMENT_MISSED,
        params: { on: missed.lastMissedOn, count: missed.count, amountCents: missed.amountCents },
      },
    });
  }
  const unpaid = facts.unpaidInstalment;
  const lateOn = unpaid ? addDays(unpaid.dueOn, 1) : null;
  if (unpaid && lateOn && since(lateOn)) {
    out.push({
      on: lateOn,
      reason: {
        code: 'INSTALMENT_LATE',
        points: TRIGGER_POINTS.INSTALMENT_LATE,
        params: { on: unpaid.dueOn, amountCents: unpaid.amountCents },
      },
    });
  }

  // A debtor keeping to an agreement is not chased for being new or quiet.
  const keepingPromise = promise !== null && promise.dueOn > today;
  const planOnSchedule = unpaid !== null && unpaid.dueOn >= today;
  if (keepingPromise || planOnSchedule) return out;
  if (facts.lastContactOn === null) {
    out.push({
      on: facts.placedOn,
      reason: {
        code: 'NEW_FILE',
        points: TRIGGER_POINTS.NEW_FILE,
        params: { on: facts.placedOn },
      },
    });
  } else {
    out.push({
      on: addDays(facts.lastContactOn, STALE_CONTACT_DAYS),
      reason: {
        code: 'NO_RECENT_CONTACT',
        points: TRIGGER_POINTS.NO_RECENT_CONTACT,
        params: { on: facts.lastContactOn },
      },
    });
  }
  return out;
}

/** Points that order files due the same day; never a reason on their own. */
function modifiers(facts: FileFacts, today: string, due: readonly Reason[]): Reason[] {
  const out: Reason[] = [];
  const amount = amountPoints(facts.amountAtStakeCents);
  if (amount > 0) out.push({ code: 'AMOUNT', points: amount, params: { amountCents: facts.amountAtStakeCents } });
  if (facts.oldestDueOn) {
    const days = daysBetween(facts.oldestDueOn, today);
    const points = days < 90 ? 10 : days < 365 ? 5 : 0;
    if (points > 0) out.push({ code: 'DEBT_AGE', points, params: { on: facts.oldestDueOn } });
  }
  if (facts.brokenPromises > 0) {
    out.push({
      code: 'BROKEN_PROMISES',
      points: Math.min(MAX_BROKEN_POINTS, PROMISE_HISTORY_POINTS * facts.brokenPromises),
      params: { count: facts.brokenPromises },
    });
  }
  if (facts.keptPromises > 0) {
    out.push({
      code: 'KEPT_PROMISES',
      points: -Math.min(MAX_KEPT_POINTS, PROMISE_HISTORY_POINTS * facts.keptPromises),
      params: { count: facts.keptPromises },
    });
  }
  const quiet = facts.lastContactOn === null ? 0 : daysBetween(facts.lastContactOn, today);
  const alreadyStale = due.some((r) => r.code === 'NO_RECENT_CONTACT');
  if (!alreadyStale && quiet >= QUIET_CONTACT_DAYS && quiet < STALE_CONTACT_DAYS) {
    out.push({
      code: 'NO_RECENT_CONTACT',
      points: QUIET_CONTACT_POINTS,
      params: { on: facts.lastContactOn! },
    });
  }
  return out;
}

const MODIFIER_CODES: ReadonlySet<ReasonCode> = new Set(['AMOUNT', 'DEBT_AGE', 'BROKEN_PROMISES', 'KEPT_PROMISES']);

/** True for a reason that makes the file due; false for one that only orders it (screens show them apart). */
export function isDueReason(reason: Pick<Reason, 'code' | 'points'>): boolean {
  if (MODIFIER_CODES.has(reason.code)) return false;
  return !(reason.code === 'NO_RECENT_CONTACT' && reason.points < TRIGGER_POINTS.NO_RECENT_CONTACT);
}

const NOTHING: Score = { score: 0, attentionOn: null, reasons: [] };

/** The file's rank today: its score, the first day it needs its agent, and why. */
export function scoreFile(facts: FileFacts, today: string): Score {
  if (facts.phase === 'CLOSED' || CLOSED_STATUSES.includes(facts.status)) return NOTHING;
  const all = triggers(facts, today);
  if (all.length === 0) return NOTHING;
  const due = all.filter((t) => t.on <= today).map((t) => t.reason);
  if (due.length === 0) {
    // Nothing today: the file waits for its first future trigger, with no points until then.
    const first = all.reduce((min, t) => (t.on < min ? t.on : min), all[0]!.on);
    return { score: 0, attentionOn: first, reasons: [] };
  }
  // What is due comes first (it is why the file is here), then what orders it among the others.
  const byPoints = (a: Reason, b: Reason) => b.points - a.points;
  const reasons = [...due.sort(byPoints), ...modifiers(facts, today, due).sort(byPoints)];
  const score = Math.max(
    0,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  const since = all.filter((t) => t.on <= today).reduce((min, t) => (t.on < min ? t.on : min), today);
  return { score, attentionOn: since, reasons };
}
