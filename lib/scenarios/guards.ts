/**
 * The guards run before every scenario step: one pure function deciding whether the step runs now, waits,
 * is skipped, or ends the scenario, with a reason for every refusal. No clock, no I/O: `now` and every fact
 * are passed in; days are computed in the agency's time zone (the contact window's).
 *
 * Order of checks — the first that applies decides:
 *  1. STOP, file facts that end collection for good. Before anything else, so that a paid or time-barred
 *     file never sits in a daily "postponed" loop behind a dispute or a contact window:
 *     PAID → FILE_CLOSED → INSOLVENCY_PROCEEDINGS / OVER_INDEBTEDNESS → LIMITATION_EXPIRED → JUDICIAL_PHASE.
 *     Paid comes first because it is the most useful thing to read on the timeline of a closed file.
 *  2. POSTPONE, file-wide pauses: MANDATE_NOT_IN_FORCE → DISPUTE_OPEN → FILE_SUSPENDED → PLAN_AWAITING_APPROVAL →
 *     BANK_CREDIT_PENDING → PLAN_CURRENT → PROMISE_PENDING. Before the step's own checks: when the pause ends the facts may have changed (a dispute
 *     upheld closes the file). The mandate comes first: without one in force the agency may not act at all
 *     (CPCE R124-3), whatever else is true; the file waits for a renewal (or for an agent to close it).
 *     A dispute comes next: it questions the debt itself, which a plan or a promise does not.
 *  3. The step's prerequisites. The R124-4 letter comes first (CPCE R124-4; issue 14): LETTER_NOT_POSTED
 *     (POSTPONE: a letter of the file is printed but its print run is not posted yet, so nothing else goes out
 *     and no delay starts before the debtor can have it), then FIRST_LETTER_MISSING (SKIP: an SMS, call or visit
 *     before any letter). R124-4 asks for « une lettre »: an e-mail before any letter is that letter (the letter
 *     with every mention as its attachment) only when the creditor's mandate says so (`emailFirstLetter`, a
 *     manager's choice); otherwise it is skipped like an SMS. One beside a letter in the same step goes with it.
 *     Then NO_PRIOR_WARNING (SKIP), WARNING_RETURNED (POSTPONE: the pre-judicial warning came back, the debtor
 *     was not warned) and WARNING_DEADLINE_PENDING (POSTPONE, escalation). Always warn the debtor before
 *     judicial action (DOMAIN.md ethics). Escalation also needs a mandate whose scope includes the judicial
 *     phase: MANDATE_AMICABLE_ONLY (SKIP) otherwise.
 *  4. The contact point cannot be used on this channel. A letter with no usable postal address waits
 *     (NO_VALID_ADDRESS, POSTPONE: the engine gives the agent a task to find one, lib/scenarios/run-step.ts)
 *     rather than letting the other channels go first; so does a letter whose only address the debtor asked not to
 *     be written to (ADDRESS_DO_NOT_CONTACT, POSTPONE with the same task: an agent settles it with the debtor, the
 *     R124-4 letter is never silently dropped, issue 14). Otherwise SKIP: CONTACT_MISSING → DO_NOT_CONTACT →
 *     CONTACT_INVALID → OPTED_OUT. Before the window and the caps: no point waiting for Monday 08:00 to
 *     learn that the number is wrong.
 *  5. POSTPONE, an amount the rate tables cannot price yet: RATES_NOT_PUBLISHED, for every step that sends the
 *     debtor a sum (letters, e-mail, SMS). Issue 14: nothing goes out with an estimated amount; the step waits,
 *     checked again a day later, until an admin enters the rate (lib/interest/coverage.ts).
 *  6. POSTPONE, contact pressure: OUTSIDE_CONTACT_WINDOW → WEEKLY_CAP_REACHED.
 * Escalation contacts nobody (the file goes to a manager), so it skips 4 to 6; tasks skip 5.
 *
 * A postponement for a plan, a promise, a warning deadline, the window or the caps points to the earliest
 * instant at which both the window and the caps allow the step, so the engine does not wake up only to be
 * sent back again. Disputes and suspensions are re-checked a day later, whatever the window says.
 */
import type { ContactStatus, FilePhase, FileStatus, MandateScope } from '../db/generated/enums';
import { isClosed } from '../cases/rules';
import { activeMandateFor, type MandatePeriod } from '../creditors/rules';
import { dayIn, dayNumber, dayOfNumber } from '../dates/days';
import { capCheck, type ContactAttempt, type ContactCaps } from '../compliance/caps';
import {
  isWithinWindow,
  nextAllowedSlot,
  type ContactChannel,
  type ContactWindowConfig,
} from '../compliance/contact-window';
import { startOfDayIn } from '../compliance/zoned-time';

export type StepKind =
  | 'SIMPLE_LETTER'
  | 'EMAIL'
  | 'SMS'
  | 'CALL_TASK'
  | 'VISIT_TASK'
  | 'REGISTERED_LETTER'
  | 'FORMAL_NOTICE'
  | 'PRE_JUDICIAL_WARNING'
  | 'ESCALATE';

/**
 * Escalation hands the file to a manager and contacts nobody; every other step uses one channel. `withLetter`: the
 * step sends a letter too (an e-mail beside it goes with it, lib/scenarios/step/decide.ts).
 */
export type GuardStep =
  { kind: 'ESCALATE' } | { kind: Exclude<StepKind, 'ESCALATE'>; channel: ContactChannel; withLetter?: boolean };

export interface GuardFile {
  status: FileStatus;
  phase: FilePhase;
  /** Everything still owed (principal, interest, indemnity), in cents. */
  totalDueCents: number;
  /** Some of that interest comes from a rate carried past the published tables. */
  amountEstimated: boolean;
  /** The active payment plan, if any: whether it is being honoured and its next unpaid instalment. */
  plan: { state: 'CURRENT' | 'LATE'; nextDueOn: string; graceDays: number } | null;
  /** A proposed plan waits for the creditor's decision (CPCE R124-5, lib/payments/decide-plan.ts). */
  planAwaitingApproval: boolean;
  /**
   * A bank credit not confidently matched names this file among its candidates (lib/reconciliation): the debtor
   * may have paid, so nobody chases it until an agent assigns the credit.
   */
  bankCreditPending: boolean;
  /** Due day of the pending promise to pay, if any. */
  pendingPromiseDueOn: string | null;
  openDispute: boolean;
  /** Collective proceedings opened against a company, or a person's over-indebtedness case admitted. */
  insolvency: 'COLLECTIVE_PROCEEDINGS' | 'OVER_INDEBTEDNESS' | null;
  /** Last day the file's last live claim can still be pursued (lib/compliance/limitation.ts, per claim). */
  limitationOn: string | null;
  /** Day the formal notice (mise en demeure) was sent: the warning a pre-judicial warning builds on. */
  formalNoticeOn: string | null;
  /**
   * The pre-judicial warning: the day it was posted (null while its print run is not posted), the last day it
   * gives the debtor to pay before escalation (counted from the posting), and whether La Poste returned it.
   */
  preJudicialWarning: { sentOn: string | null; deadlineOn: string; returned: boolean } | null;
  /** The file's first R124-4 letter (the first letter of any kind), or null when none was produced yet. */
  firstLetter: { reference: string; postedOn: string | null } | null;
  /** Some letter of the file is produced and not yet posted. */
  letterUnposted: boolean;
  /** The creditor's mandates (any of them may be the one in force today: a renewal takes over the file). */
  mandates: readonly (MandatePeriod & { scope: MandateScope; emailFirstLetter?: boolean })[];
}

export interface GuardContactPoint {
  status: ContactStatus;
  /** The debtor opted out of this e-mail address or phone number (only read for EMAIL and SMS). */
  optedOut: boolean;
}

export interface GuardInput {
  file: GuardFile;
  step: GuardStep;
  /** The contact point the step would use; null when the debtor has none for the channel. */
  contact: GuardContactPoint | null;
  /** The debtor's contact attempts, for the weekly caps. */
  history: readonly ContactAttempt[];
  window: ContactWindowConfig;
  caps: ContactCaps;
  now: Date;
}

type Outcome = 'STOP' | 'POSTPONE' | 'SKIP';

/**
 * Every reason with the decision it leads to. What the timeline says of it lives in the catalogue alone
 * (`timeline.reasons.<REASON>` in messages/*.json, rendered by lib/history): a unit test checks both agree.
 */
export const GUARD_REASONS = {
  PAID: 'STOP',
  FILE_CLOSED: 'STOP',
  INSOLVENCY_PROCEEDINGS: 'STOP',
  OVER_INDEBTEDNESS: 'STOP',
  LIMITATION_EXPIRED: 'STOP',
  JUDICIAL_PHASE: 'STOP',
  MANDATE_NOT_IN_FORCE: 'POSTPONE',
  DISPUTE_OPEN: 'POSTPONE',
  FILE_SUSPENDED: 'POSTPONE',
  PLAN_AWAITING_APPROVAL: 'POSTPONE',
  BANK_CREDIT_PENDING: 'POSTPONE',
  PLAN_CURRENT: 'POSTPONE',
  PROMISE_PENDING: 'POSTPONE',
  LETTER_NOT_POSTED: 'POSTPONE',
  FIRST_LETTER_MISSING: 'SKIP',
  NO_VALID_ADDRESS: 'POSTPONE',
  ADDRESS_DO_NOT_CONTACT: 'POSTPONE',
  WARNING_RETURNED: 'POSTPONE',
  NO_PRIOR_WARNING: 'SKIP',
  MANDATE_AMICABLE_ONLY: 'SKIP',
  WARNING_DEADLINE_PENDING: 'POSTPONE',
  CONTACT_MISSING: 'SKIP',
  DO_NOT_CONTACT: 'SKIP',
  CONTACT_INVALID: 'SKIP',
  OPTED_OUT: 'SKIP',
  RATES_NOT_PUBLISHED: 'POSTPONE',
  OUTSIDE_CONTACT_WINDOW: 'POSTPONE',
  WEEKLY_CAP_REACHED: 'POSTPONE',
} as const satisfies Record<string, Outcome>;

export type GuardReason = keyof typeof GUARD_REASONS;
type ReasonFor<D extends Outcome> = {
  [R in GuardReason]: (typeof GUARD_REASONS)[R] extends D ? R : never;
}[GuardReason];

export type GuardDecision =
  | { decision: 'RUN' }
  | { decision: 'POSTPONE'; until: Date; reason: ReasonFor<'POSTPONE'> }
  | { decision: 'SKIP'; reason: ReasonFor<'SKIP'> }
  | { decision: 'STOP'; reason: ReasonFor<'STOP'> };

const DAY_MS = 86_400_000;
const UNUSABLE: readonly ContactStatus[] = ['WRONG_NUMBER', 'RETURNED_MAIL'];
const LETTERS: readonly StepKind[] = ['SIMPLE_LETTER', 'REGISTERED_LETTER', 'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING'];
// Tasks put no sum in front of the debtor; every other channel does.
const SENDS_NO_AMOUNT: readonly StepKind[] = ['CALL_TASK', 'VISIT_TASK'];
// Opting out is a right over marketing-like channels (e-mail, SMS); letters and calls are not opt-out lists.
const OPT_OUT_CHANNELS: readonly ContactChannel[] = ['EMAIL', 'SMS'];

const stop = (reason: ReasonFor<'STOP'>): GuardDecision => ({ decision: 'STOP', reason });
const skip = (reason: ReasonFor<'SKIP'>): GuardDecision => ({ decision: 'SKIP', reason });
const postpone = (reason: ReasonFor<'POSTPONE'>, until: Date): GuardDecision => ({
  decision: 'POSTPONE',
  reason,
  until,
});

export function guardStep(input: GuardInput): GuardDecision {
  const { file, step, now, window } = input;
  const today = dayNumber(dayIn(window.timeZone, now));
  const channel = step.kind === 'ESCALATE' ? null : step.channel;

  /** The earliest instant from `from` when the window and the caps both allow this step. */
  const slotFrom = (from: Date): Date => {
    if (channel === null) return from;
    let at = from;
    // Each refusal by the caps lets at least one past attempt leave the week, so a history of n attempts
    // needs at most n + 1 turns; the bound turns a broken invariant into an error instead of a hung worker.
    for (let turn = 0; turn <= input.history.length; turn++) {
      at = nextAllowedSlot(at, channel, window);
      const cap = capCheck(input.history, channel, at, input.caps);
      if (cap.ok) return at;
      if (cap.retryAt.getTime() <= at.getTime()) break;
      at = cap.retryAt;
    }
    throw new Error(`No slot for ${channel} after ${from.toISOString()}: the caps never release`);
  };
  /** Wait until the start of a day (agency time), then for the window and caps; null if that is past. */
  const waitForDay = (day: number): Date | null =>
    day > today ? slotFrom(startOfDayIn(dayOfNumber(day), window.timeZone)) : null;

  // 1. The end of collection.
  if (file.status === 'PAID' || file.totalDueCents <= 0) return stop('PAID');
  if (file.phase === 'CLOSED' || isClosed(file.status)) return stop('FILE_CLOSED');
  // Code de commerce L622-21 (collective proceedings) and Code de la consommation L722-2 (over-indebtedness).
  if (file.insolvency === 'COLLECTIVE_PROCEEDINGS') return stop('INSOLVENCY_PROCEEDINGS');
  if (file.insolvency === 'OVER_INDEBTEDNESS') return stop('OVER_INDEBTEDNESS');
  if (file.limitationOn !== null && today > dayNumber(file.limitationOn)) return stop('LIMITATION_EXPIRED');
  if (file.phase === 'JUDICIAL' || file.status === 'AWAITING_JUDICIAL') return stop('JUDICIAL_PHASE');

  // 2. File-wide pauses. No mandate in force, no action on the creditor's behalf (CPCE R124-3).
  const tomorrowSameTime = new Date(now.getTime() + DAY_MS);
  const mandate = activeMandateFor(file.mandates, dayOfNumber(today));
  if (mandate === null) return postpone('MANDATE_NOT_IN_FORCE', tomorrowSameTime);
  if (file.openDispute || file.status === 'DISPUTED') return postpone('DISPUTE_OPEN', tomorrowSameTime);
  if (file.status === 'SUSPENDED') return postpone('FILE_SUSPENDED', tomorrowSameTime);
  // The debtor was offered terms the creditor must accept: pressing for payment meanwhile would contradict them.
  if (file.planAwaitingApproval) return postpone('PLAN_AWAITING_APPROVAL', tomorrowSameTime);
  // Being chased after paying is what debtors complain of most: a credit that may be theirs holds the file.
  if (file.bankCreditPending) return postpone('BANK_CREDIT_PENDING', tomorrowSameTime);
  if (file.plan?.state === 'CURRENT') {
    // The instalment counts as late from the day after its grace period: look again on that day. Facts
    // that still say "current" when that day is past are stale, and the step goes on to run.
    const until = waitForDay(dayNumber(file.plan.nextDueOn) + file.plan.graceDays + 1);
    if (until) return postpone('PLAN_CURRENT', until);
  }
  if (file.pendingPromiseDueOn !== null) {
    const until = waitForDay(dayNumber(file.pendingPromiseDueOn) + 1);
    if (until) return postpone('PROMISE_PENDING', until);
  }

  // 3. The R124-4 letter first (CPCE R124-4), then warn before any judicial step.
  if (file.letterUnposted) return postpone('LETTER_NOT_POSTED', tomorrowSameTime);
  const isLetter = LETTERS.includes(step.kind);
  // An e-mail goes before any letter only beside one, or as the R124-4 letter itself (the letter attached,
  // lib/scenarios/step/effects.ts) when the creditor's mandate lets an e-mail be that letter (issue 14).
  const emailAllowed = step.kind === 'EMAIL' && (step.withLetter === true || mandate.emailFirstLetter === true);
  if (file.firstLetter === null && step.kind !== 'ESCALATE' && !isLetter && !emailAllowed)
    return skip('FIRST_LETTER_MISSING');
  if (step.kind === 'PRE_JUDICIAL_WARNING' && file.formalNoticeOn === null) return skip('NO_PRIOR_WARNING');
  if (step.kind === 'ESCALATE') {
    if (mandate.scope !== 'AMICABLE_AND_JUDICIAL') return skip('MANDATE_AMICABLE_ONLY');
    if (file.preJudicialWarning === null) return skip('NO_PRIOR_WARNING');
    if (file.preJudicialWarning.sentOn === null) return postpone('LETTER_NOT_POSTED', tomorrowSameTime);
    if (file.preJudicialWarning.returned) return postpone('WARNING_RETURNED', tomorrowSameTime);
    const until = waitForDay(dayNumber(file.preJudicialWarning.deadlineOn) + 1);
    if (until) return postpone('WARNING_DEADLINE_PENDING', until);
    return { decision: 'RUN' };
  }
  if (channel === null) return { decision: 'RUN' };

  // 4. The contact point.
  const contact = input.contact;
  if (channel === 'LETTER' && (contact === null || UNUSABLE.includes(contact.status)))
    return postpone('NO_VALID_ADDRESS', tomorrowSameTime);
  if (contact === null) return skip('CONTACT_MISSING');
  if (channel === 'LETTER' && contact.status === 'DO_NOT_CONTACT')
    return postpone('ADDRESS_DO_NOT_CONTACT', tomorrowSameTime);
  if (contact.status === 'DO_NOT_CONTACT') return skip('DO_NOT_CONTACT');
  if (UNUSABLE.includes(contact.status)) return skip('CONTACT_INVALID');
  if (contact.optedOut && OPT_OUT_CHANNELS.includes(channel)) return skip('OPTED_OUT');

  // 5. An estimated amount.
  if (file.amountEstimated && !SENDS_NO_AMOUNT.includes(step.kind))
    return postpone('RATES_NOT_PUBLISHED', tomorrowSameTime);

  // 6. Contact pressure.
  if (!isWithinWindow(now, channel, window)) return postpone('OUTSIDE_CONTACT_WINDOW', slotFrom(now));
  if (!capCheck(input.history, channel, now, input.caps).ok) return postpone('WEEKLY_CAP_REACHED', slotFrom(now));
  return { decision: 'RUN' };
}
