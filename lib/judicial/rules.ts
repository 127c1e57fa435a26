import { addDays, addMonths } from '../dates/days';
import type { HolidayOptions } from '../compliance/holidays';
import { nextWorkingDay } from '../compliance/working-days';
import type { DeadlineKind, RouteCode } from '../judicial-codes/codes';
import { ROUTES, WATCHED_DEADLINES, expectedCostCents, stepRule, type Span, type StepRule } from './catalogue';

// The rules of the judicial phase. Pure: no clock, no I/O; days are 'YYYY-MM-DD' in the agency's calendar.

/**
 * The last day of a procedural time limit that starts on `from` (the act, the decision or the service that makes it
 * run). CPC 640-642:
 * - 641 al. 1: a limit in days does not count the day of the act: it ends `days` later;
 * - 641 al. 2: a limit in months ends on the day of the last month bearing the same number as the act's day, or
 *   that month's last day when it has none (31 January + 1 month → 28/29 February; lib/dates addMonths);
 * - 642 al. 2: a limit that would end on a Saturday, a Sunday or a public holiday runs to the next working day
 *   (lib/compliance/working-days nextWorkingDay, with the holidays of the agency's region).
 */
export function deadlineEnd(from: string, span: Span, holidays: HolidayOptions = {}): string {
  const end = 'months' in span ? addMonths(from, span.months) : addDays(from, span.days);
  return nextWorkingDay(end, holidays);
}

/**
 * Where a deadline stands on `today`: met (closed by a step), open, due soon (the alert), lapsed (the creditor's
 * deadline passed unmet: it runs to midnight of its last day, CPC 642 al. 1), or over (the other side's deadline ran
 * out: time for the agency's next step).
 */
export type DeadlineState = 'MET' | 'OPEN' | 'DUE_SOON' | 'LAPSED' | 'OVER';

/** Days before a deadline from which it shows as due soon (and its task is due: the alert before it lapses). */
export const ALERT_DAYS = 7;

export function deadlineState(
  kind: DeadlineKind,
  dueOn: string,
  closedOn: string | null,
  today: string,
): DeadlineState {
  if (closedOn !== null) return 'MET';
  if (today > dueOn) return WATCHED_DEADLINES.includes(kind) ? 'OVER' : 'LAPSED';
  return addDays(today, ALERT_DAYS) >= dueOn ? 'DUE_SOON' : 'OPEN';
}

/** The day the deadline's task falls due: a week before the deadline, never before the day it opens. */
export function alertDay(openedOn: string, dueOn: string): string {
  const alert = addDays(dueOn, -ALERT_DAYS);
  return alert < openedOn ? openedOn : alert;
}

export interface OpenDeadline {
  kind: DeadlineKind;
  dueOn: string;
}

/** The deadlines a step opens, each with its last day (one may run from the end of another it opens). */
export function deadlinesOpened(rule: StepRule, on: string, holidays: HolidayOptions = {}): OpenDeadline[] {
  const out: OpenDeadline[] = [];
  for (const d of rule.opens ?? []) {
    const base = d.fromEndOf ? out.find((o) => o.kind === d.fromEndOf)?.dueOn : on;
    if (!base) throw new Error(`Deadline ${d.kind} counts from ${d.fromEndOf}, which the step does not open`);
    out.push({ kind: d.kind, dueOn: deadlineEnd(base, d.span, holidays) });
  }
  return out;
}

export type StepRefusal =
  /** The route has no such step. */
  | 'unknownStep'
  /** The step cannot follow the procedure's current stage. */
  | 'notAfterStage'
  /** The procedure has ended. */
  | 'procedureEnded'
  /** A step dated before the previous one or after today. */
  | 'dateOutOfOrder'
  | 'dateInFuture'
  /** No opposition can be noted before the opposition month has run out. */
  | 'deadlineNotOver'
  /** The order lapses only once its service deadline passed unmet. */
  | 'deadlineNotLapsed'
  /** The creditor's deadline this step would meet has passed (a service after six months: the order is void). */
  | 'deadlineLapsed';

export interface StepCheck {
  route: RouteCode;
  stage: string;
  ended: boolean;
  lastStepOn: string;
  today: string;
  kind: string;
  on: string;
  /** The procedure's open deadlines by kind. */
  open: readonly OpenDeadline[];
}

/** Whether a step may be recorded now: its rule, or why not. */
export function checkStep(c: StepCheck): { ok: true; rule: StepRule } | { ok: false; reason: StepRefusal } {
  if (c.ended) return { ok: false, reason: 'procedureEnded' };
  const rule = stepRule(c.route, c.kind);
  if (!rule) return { ok: false, reason: 'unknownStep' };
  if (!(rule.after as readonly string[]).includes(c.stage)) return { ok: false, reason: 'notAfterStage' };
  if (c.on > c.today) return { ok: false, reason: 'dateInFuture' };
  if (c.on < c.lastStepOn) return { ok: false, reason: 'dateOutOfOrder' };
  const late = c.open.find(
    (d) => (rule.meets ?? []).includes(d.kind) && !WATCHED_DEADLINES.includes(d.kind) && c.on > d.dueOn,
  );
  if (late) return { ok: false, reason: 'deadlineLapsed' };
  const waited = rule.afterExpiryOf ?? rule.onlyIfLapsed;
  if (waited) {
    const d = c.open.find((o) => o.kind === waited);
    // The step's day must be past the deadline's last day: the month is over, or the order went unserved.
    if (!d || c.on <= d.dueOn)
      return { ok: false, reason: rule.onlyIfLapsed ? 'deadlineNotLapsed' : 'deadlineNotOver' };
  }
  return { ok: true, rule };
}

/**
 * The day a step's title becomes enforceable: the day after the opposition month ran out for an order to pay
 * (CPC 1422), else the step's own day (a served decision, an agreement the commissaire de justice recorded).
 */
export function titleDay(rule: StepRule, on: string, open: readonly OpenDeadline[]): string {
  if (rule.afterExpiryOf) {
    const d = open.find((o) => o.kind === rule.afterExpiryOf);
    if (d) return addDays(d.dueOn, 1);
  }
  return on;
}

export interface RouteEstimate {
  route: RouteCode;
  /** Typical costs, in cents, and their total. */
  courtCents: number;
  bailiffCents: number;
  lawyerCents: number;
  totalCents: number;
  /** The costs as a share of what is owed, in basis points (10 000 = as much as the debt). */
  costShareBps: number;
  typicalMonths: number;
  /** Over the route's ceiling (small claims: €5,000 principal and interest): the route is not open. */
  overCeiling: boolean;
}

/** Each route's expected cost against the amount owed, for the manager's decision. */
export function routeEstimates(owedCents: number): RouteEstimate[] {
  return Object.values(ROUTES).map((r) => {
    const totalCents = expectedCostCents(r.code);
    return {
      route: r.code,
      ...r.costs,
      totalCents,
      costShareBps: owedCents > 0 ? Math.round((totalCents * 10_000) / owedCents) : 0,
      typicalMonths: r.typicalMonths,
      overCeiling: r.maxCents !== undefined && owedCents > r.maxCents,
    };
  });
}

/** An invoice of the file as a partial order reads it: its principal and what payments already covered of it. */
export interface GrantedClaim {
  id: string;
  dueOn: string;
  principalCents: number;
  paidCents: number;
}

/** What a partial order does to one claim: reduced to `principalCents`, or cancelled (0). */
export interface GrantCorrection {
  claimId: string;
  principalCents: number;
  cancel: boolean;
}

export type GrantRefusal =
  /** The sum granted is not below the invoices' principal: the order is granted in full, not in part. */
  | 'grantedNotPartial'
  /** Payments already imputed to the invoices exceed the sum granted: the claims cannot go below what was paid. */
  | 'grantedBelowPaid';

/**
 * The claims after an order to pay granted only `grantedCents` of the invoices' principal (CPC 1409: the judge may
 * grant part of the request; the rest is refused). The order says how much, not which invoice: what payments covered
 * stays (money imputed stays true), then the oldest invoices are kept first — they were due first and were the
 * longest claimed — and the newer ones reduced, then cancelled. Returns one correction per claim that changes, or why
 * none can be made.
 */
export function partialGrant(
  claims: readonly GrantedClaim[],
  grantedCents: number,
): { ok: true; corrections: GrantCorrection[] } | { ok: false; reason: GrantRefusal } {
  const total = claims.reduce((s, c) => s + c.principalCents, 0);
  if (grantedCents >= total) return { ok: false, reason: 'grantedNotPartial' };
  const paid = claims.reduce((s, c) => s + c.paidCents, 0);
  if (grantedCents < paid) return { ok: false, reason: 'grantedBelowPaid' };
  let left = grantedCents - paid;
  const ordered = [...claims].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : 1));
  const corrections: GrantCorrection[] = [];
  for (const c of ordered) {
    const add = Math.min(c.principalCents - c.paidCents, left);
    left -= add;
    const kept = c.paidCents + add;
    if (kept < c.principalCents) corrections.push({ claimId: c.id, principalCents: kept, cancel: kept === 0 });
  }
  return { ok: true, corrections };
}
