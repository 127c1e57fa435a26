/**
 * The engine's pure rules: which scenario a file takes, when a step is due, what a step's per-channel guard
 * decisions add up to, and the keys that make an execution happen once. No clock, no I/O.
 */
import { addDays, dayIn, dayNumber } from '../dates/days';
import { nextAllowedSlot, type ContactChannel, type ContactWindowConfig } from '../compliance/contact-window';
import { startOfDayIn } from '../compliance/zoned-time';
import { addWorkingDays } from '../compliance/working-days';
import type { GuardDecision, GuardReason } from './guards';
import type { AssignmentRules, ScenarioStep, StepChannel, StepConditions, TemplateVariable } from './schemas';

// Assignment -------------------------------------------------------------------------------------------------

/** What the assignment rules read about a file when it is placed. */
export interface PlacementFacts {
  dueCents: number;
  debtorKind: 'PERSON' | 'COMPANY';
  nature: 'B2B' | 'CONSUMER' | 'CIVIL';
  creditorId: string;
  solvency: 'SOLVENT' | 'UNCERTAIN' | 'INSOLVENT' | 'UNKNOWN';
  locale: 'fr' | 'en';
}

export interface ScenarioCandidate {
  versionId: string;
  scenarioId: string;
  version: number;
  priority: number;
  rules: AssignmentRules;
}

export function matchesRules(rules: AssignmentRules, file: PlacementFacts): boolean {
  if (rules.minDueCents !== undefined && file.dueCents < rules.minDueCents) return false;
  // The upper bound is exclusive, so tiers written 0–1,000 € and 1,000–5,000 € never both take a file.
  if (rules.maxDueCents !== undefined && file.dueCents >= rules.maxDueCents) return false;
  if (rules.debtorKinds && !rules.debtorKinds.includes(file.debtorKind)) return false;
  if (rules.natures && !rules.natures.includes(file.nature)) return false;
  if (rules.creditorIds && !rules.creditorIds.includes(file.creditorId)) return false;
  if (rules.solvency && !rules.solvency.includes(file.solvency)) return false;
  if (rules.locales && !rules.locales.includes(file.locale)) return false;
  return true;
}

/** How many criteria a rule set states: a scenario written for one creditor beats a catch-all. */
export function specificity(rules: AssignmentRules): number {
  return (
    Number(rules.minDueCents !== undefined || rules.maxDueCents !== undefined) +
    Number(!!rules.debtorKinds) +
    Number(!!rules.natures) +
    Number(!!rules.creditorIds) +
    Number(!!rules.solvency) +
    Number(!!rules.locales)
  );
}

/**
 * The version a new file takes: among the candidates whose rules match, the highest priority, then the most
 * specific rules, then the scenario id (so the choice never depends on the order rows came back in).
 * Candidates are the latest published version of each scenario that is not archived.
 */
export function chooseScenario(
  candidates: readonly ScenarioCandidate[],
  file: PlacementFacts,
): ScenarioCandidate | null {
  let best: ScenarioCandidate | null = null;
  for (const c of candidates) {
    if (!matchesRules(c.rules, file)) continue;
    if (
      !best ||
      c.priority > best.priority ||
      (c.priority === best.priority && specificity(c.rules) > specificity(best.rules)) ||
      (c.priority === best.priority &&
        specificity(c.rules) === specificity(best.rules) &&
        c.scenarioId < best.scenarioId)
    )
      best = c;
  }
  return best;
}

// Keys ---------------------------------------------------------------------------------------------------------

/** '<tenant>:<file>:<scenario version>:<step>' (':r<run>' from a file's second run of the same version on). */
export function executionKey(tenantId: string, fileId: string, versionId: string, step: number, run = 1): string {
  return `${tenantId}:${fileId}:${versionId}:${step}${run > 1 ? `:r${run}` : ''}`;
}

/** BullMQ refuses ':' in custom job ids; the job id is the execution key with '.' instead. */
export function stepJobId(key: string): string {
  return `step.${key.replaceAll(':', '.')}`;
}

// Channels ---------------------------------------------------------------------------------------------------

/** The contact channel a step channel uses (windows and caps); null for escalation, which contacts nobody. */
export function contactChannelOf(channel: StepChannel): ContactChannel | null {
  switch (channel) {
    case 'EMAIL':
      return 'EMAIL';
    case 'SMS':
      return 'SMS';
    case 'CALL_TASK':
      return 'CALL';
    case 'VISIT_TASK':
      return 'VISIT';
    case 'ESCALATE':
      return null;
    default:
      return 'LETTER';
  }
}

// Timing -------------------------------------------------------------------------------------------------------

export interface TimingContext {
  window: ContactWindowConfig;
  /** When the file was placed (delay from PLACEMENT). */
  placedAt: Date;
  /** When the previous step ran or was skipped; the scenario's start for the first step. */
  previousAt: Date;
  /**
   * The start of the day the file's last letter was posted (delay from LETTER_POSTED); absent or null while none
   * is posted, when such a delay counts from the previous step (the engine looks again once it is posted).
   */
  letterPostedAt?: Date | null;
}

/**
 * When a step is due: its delay counted in calendar or working days (agency time zone, its public holidays)
 * from the placement or the previous step, then moved to the first instant every one of its channels may be
 * used, so the engine does not wake up at midnight only to postpone an e-mail to 08:00. A delay of 0 days is
 * due at once (`previousAt`, or later if the window says so).
 */
export function stepDueAt(step: ScenarioStep, ctx: TimingContext): Date {
  const { window } = ctx;
  const from =
    step.delay.from === 'PLACEMENT'
      ? ctx.placedAt
      : step.delay.from === 'LETTER_POSTED'
        ? (ctx.letterPostedAt ?? ctx.previousAt)
        : ctx.previousAt;
  const baseDay = dayIn(window.timeZone, from);
  const holidays = { region: window.holidayRegion };
  const day =
    step.delay.kind === 'WORKING'
      ? step.delay.days === 0
        ? baseDay
        : addWorkingDays(baseDay, step.delay.days, holidays)
      : addDays(baseDay, step.delay.days);
  // A day already reached means "now": the anchor itself when it is that day, and never earlier than the
  // previous step (a delay from the placement may have run out long ago).
  let at = day === baseDay ? from : startOfDayIn(day, window.timeZone);
  if (at.getTime() < ctx.previousAt.getTime()) at = ctx.previousAt;
  return slotForChannels(step.channels, at, window);
}

/** The first instant from `at` that suits every contact channel of a step (each window is checked again). */
export function slotForChannels(channels: readonly StepChannel[], at: Date, window: ContactWindowConfig): Date {
  const contact = [...new Set(channels.map(contactChannelOf).filter((c): c is ContactChannel => c !== null))];
  let slot = at;
  // Each channel's window only moves the slot forward; two passes settle channels whose windows differ.
  for (let pass = 0; pass < 4; pass++) {
    const before = slot.getTime();
    for (const c of contact) slot = nextAllowedSlot(slot, c, window);
    if (slot.getTime() === before) break;
  }
  return slot;
}

// Decisions ----------------------------------------------------------------------------------------------------

/** SMS_TOO_LONG: the SMS, its values filled in, would take more than 3 parts (lib/sms/segments.ts). */
export type StepReason = GuardReason | 'CONDITION_NOT_MET' | 'SMS_TOO_LONG';

export type StepDecision =
  | { decision: 'STOP'; reason: GuardReason }
  | { decision: 'POSTPONE'; until: Date; reason: GuardReason }
  /** Run the channels in `run`; those in `skipped` are recorded as skipped with their reason. */
  | { decision: 'RUN'; run: StepChannel[]; skipped: { channel: StepChannel; reason: StepReason }[] };

/**
 * A step is one decision: the first STOP among its channels ends the scenario; otherwise any POSTPONE holds the
 * whole step until the latest instant asked for (its channels go out together, as designed); otherwise the
 * channels that may run do, and the others are recorded as skipped. A step whose every channel is skipped
 * is still a RUN with nothing to run: the scenario moves on.
 */
export function combineDecisions(
  decisions: readonly { channel: StepChannel; decision: GuardDecision }[],
): StepDecision {
  for (const d of decisions) if (d.decision.decision === 'STOP') return { decision: 'STOP', reason: d.decision.reason };
  let postpone: { until: Date; reason: GuardReason } | null = null;
  for (const d of decisions) {
    if (d.decision.decision !== 'POSTPONE') continue;
    if (!postpone || d.decision.until.getTime() > postpone.until.getTime())
      postpone = { until: d.decision.until, reason: d.decision.reason };
  }
  if (postpone) return { decision: 'POSTPONE', ...postpone };
  const run: StepChannel[] = [];
  const skipped: { channel: StepChannel; reason: StepReason }[] = [];
  for (const d of decisions) {
    if (d.decision.decision === 'RUN') run.push(d.channel);
    else if (d.decision.decision === 'SKIP') skipped.push({ channel: d.channel, reason: d.decision.reason });
  }
  return { decision: 'RUN', run, skipped };
}

/** Whether the step's own conditions hold for the file (a step without conditions always applies). */
export function conditionsHold(
  conditions: StepConditions | undefined,
  file: { dueCents: number; debtorKind: 'PERSON' | 'COMPANY' },
): boolean {
  if (!conditions) return true;
  if (conditions.minDueCents !== undefined && file.dueCents < conditions.minDueCents) return false;
  if (conditions.maxDueCents !== undefined && file.dueCents >= conditions.maxDueCents) return false;
  if (conditions.debtorKind && conditions.debtorKind !== file.debtorKind) return false;
  return true;
}

/** Default payment deadlines: 8 days for a formal notice (usual practice), 15 before going to court. */
export const DEFAULT_DEADLINE_DAYS = { FORMAL_NOTICE: 8, PRE_JUDICIAL_WARNING: 15, REGISTERED_LETTER: 8 } as const;

export function deadlineFor(channel: StepChannel, step: ScenarioStep, today: string): string | null {
  if (channel !== 'FORMAL_NOTICE' && channel !== 'PRE_JUDICIAL_WARNING' && channel !== 'REGISTERED_LETTER') return null;
  return addDays(today, step.deadlineDays ?? DEFAULT_DEADLINE_DAYS[channel]);
}

// Templates ----------------------------------------------------------------------------------------------------

/** Replaces `{{name}}` placeholders; unknown names were refused when the scenario was saved, so they stay as is. */
export function fillTemplate(text: string, vars: Partial<Record<TemplateVariable, string>>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? (vars[name as TemplateVariable] ?? '') : whole,
  );
}

/** The template in the debtor's language, falling back to French (always present). */
export function templateFor<T>(template: { fr: T; en?: T } | undefined, locale: 'fr' | 'en'): T | null {
  if (!template) return null;
  return locale === 'en' && template.en ? template.en : template.fr;
}

/** Whole days from one day to another (both 'YYYY-MM-DD'). */
export function daysFrom(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
