/**
 * The designer's preview: where each step of a version would land for an example file. Pure — no clock, no
 * I/O — so the editor recomputes it on every keystroke and the tests check it against dates worked out by
 * hand. The instants come from the engine's own `stepDueAt` (./rules), so the preview shows what the engine
 * will do, not a second opinion; this file only adds the explanations a manager reads:
 *  - the day the delay counts from and the day it lands on before the contact window is applied;
 *  - the days the window skipped on the way (Saturday, Sunday, a public holiday by name, or the evening);
 *  - whether the step's conditions hold for the file, and which do not (the engine skips such a step on its
 *    day, and the next step still counts from that day);
 *  - the payment deadline a formal notice, a registered letter or a pre-judicial warning gives;
 *  - the language of each templated text the debtor would get.
 * The example file is placed at the start of its placement day, so every time shown is the window's opening.
 */
import { addDays, dayIn, dayNumber, dayOfNumber, isoWeekday } from '../dates/days';
import type { ContactChannel, ContactWindowConfig } from '../compliance/contact-window';
import { startOfDayIn } from '../compliance/zoned-time';
import { holidayOn, type HolidayCode } from '../compliance/holidays';
import { addWorkingDays } from '../compliance/working-days';
import { contactChannelOf, deadlineFor, stepDueAt } from '../scenarios/rules';
import type { DelayAnchor, ScenarioLocale, ScenarioStep, StepChannel, TemplatedChannel } from '../scenarios/schemas';
import { TEMPLATED_CHANNELS } from '../scenarios/schemas';

export interface PreviewFile {
  /** Placement day, in the agency's time zone. */
  placedOn: string;
  /** Everything owed, in cents. */
  dueCents: number;
  debtorKind: 'PERSON' | 'COMPANY';
  locale: ScenarioLocale;
}

/** A step as the editor holds it, possibly half typed: defaults as in ./schemas. */
export interface PreviewStepInput {
  delay: { days: number; kind?: 'WORKING' | 'CALENDAR'; from?: DelayAnchor };
  channels: readonly StepChannel[];
  conditions?: { minDueCents?: number; maxDueCents?: number; debtorKind?: 'PERSON' | 'COMPANY' };
  deadlineDays?: number;
  /** Only which languages are written matters here. */
  templates?: Partial<Record<StepChannel, { fr?: unknown; en?: unknown } | undefined>>;
}

export type SkipReason = 'SATURDAY' | 'SUNDAY' | 'HOLIDAY' | 'AFTER_HOURS';
export interface SkippedDay {
  day: string;
  reason: SkipReason;
  holiday?: HolidayCode;
}

export type UnmetCondition = 'MIN_DUE' | 'MAX_DUE' | 'DEBTOR_KIND';

export interface PreviewChannel {
  channel: StepChannel;
  /** The contact channel whose window applies; null for escalation, which contacts nobody. */
  contact: ContactChannel | null;
  /** The language of the text the debtor would get; null for channels without a template. */
  templateLocale: ScenarioLocale | null;
}

export type PreviewStep =
  | {
      index: number;
      valid: true;
      /** The day the delay counts from. */
      fromOn: string;
      /** That day plus the delay, before the contact window. */
      dueOn: string;
      /** When the step runs (ISO instant, UTC) and that instant's day in the agency's time zone. */
      runsAt: string;
      runsOn: string;
      /** Calendar days from placement to `runsOn` (J+n). */
      offset: number;
      /** Days between `dueOn` and `runsOn` the contact window refused, each with why. */
      skipped: SkippedDay[];
      channels: PreviewChannel[];
      applies: boolean;
      unmet: UnmetCondition[];
      /** Last day to pay given by a formal notice, registered letter or pre-judicial warning. */
      deadlineOn: string | null;
    }
  | { index: number; valid: false };

const MAX_DELAY_DAYS = 365;

function validDelay(days: unknown): days is number {
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_DELAY_DAYS;
}

function skipReason(day: string, config: ContactWindowConfig): SkippedDay {
  const holiday = holidayOn(day, { region: config.holidayRegion });
  if (holiday) return { day, reason: 'HOLIDAY', holiday: holiday.code };
  const weekday = isoWeekday(day);
  if (weekday === 7) return { day, reason: 'SUNDAY' };
  if (weekday === 6) return { day, reason: 'SATURDAY' };
  // A weekday is refused only when the step became due after that day's window had closed.
  return { day, reason: 'AFTER_HOURS' };
}

/** Which of the step's conditions the file fails, as the engine reads them (upper bound exclusive). */
export function unmetConditions(conditions: PreviewStepInput['conditions'], file: PreviewFile): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  if (!conditions) return unmet;
  if (conditions.minDueCents !== undefined && file.dueCents < conditions.minDueCents) unmet.push('MIN_DUE');
  if (conditions.maxDueCents !== undefined && file.dueCents >= conditions.maxDueCents) unmet.push('MAX_DUE');
  if (conditions.debtorKind !== undefined && file.debtorKind !== conditions.debtorKind) unmet.push('DEBTOR_KIND');
  return unmet;
}

const isTemplated = (c: StepChannel): c is TemplatedChannel => (TEMPLATED_CHANNELS as readonly string[]).includes(c);

/**
 * The dated timeline of a version's steps for an example file and the agency's calendar. A step whose delay
 * is not a whole number of days (0–365) or that has no channel is marked invalid, and so is every later step
 * counting from it.
 */
export function previewTimeline(
  steps: readonly PreviewStepInput[],
  file: PreviewFile,
  config: ContactWindowConfig,
): PreviewStep[] {
  const placedAt = startOfDayIn(file.placedOn, config.timeZone);
  const placed = dayNumber(file.placedOn);
  let previousAt: Date | null = placedAt;
  return steps.map((input, index): PreviewStep => {
    const from = input.delay.from ?? 'PREVIOUS_STEP';
    // The preview posts each letter the day it is drawn: a delay from the last letter's posting then counts from
    // the previous step (the engine moves it when the letter leaves later, lib/scenarios/run-step.ts).
    const anchor = from === 'PLACEMENT' ? placedAt : previousAt;
    if (anchor === null || !validDelay(input.delay.days) || input.channels.length === 0) {
      previousAt = null;
      return { index, valid: false };
    }
    const step: ScenarioStep = {
      delay: { days: input.delay.days, kind: input.delay.kind ?? 'CALENDAR', from },
      channels: [...input.channels],
      templates: {},
      ...(input.deadlineDays !== undefined ? { deadlineDays: input.deadlineDays } : {}),
    };
    const at = stepDueAt(step, { window: config, placedAt, previousAt: anchor });
    previousAt = at;
    const fromOn = dayIn(config.timeZone, anchor);
    // The same day arithmetic as stepDueAt, kept to tell the manager how far the window moved the step.
    const dueOn =
      step.delay.kind === 'WORKING' && step.delay.days > 0
        ? addWorkingDays(fromOn, step.delay.days, { region: config.holidayRegion })
        : addDays(fromOn, step.delay.kind === 'WORKING' ? 0 : step.delay.days);
    const runsOn = dayIn(config.timeZone, at);
    const skipped: SkippedDay[] = [];
    for (let d = dayNumber(dueOn); d < dayNumber(runsOn); d++) skipped.push(skipReason(dayOfNumber(d), config));
    const unmet = unmetConditions(input.conditions, file);
    const deadlines = step.channels.map((c) => deadlineFor(c, step, runsOn)).filter((d): d is string => d !== null);
    return {
      index,
      valid: true,
      fromOn,
      dueOn,
      runsAt: at.toISOString(),
      runsOn,
      offset: dayNumber(runsOn) - placed,
      skipped,
      channels: step.channels.map((channel) => {
        const template = input.templates?.[channel];
        return {
          channel,
          contact: contactChannelOf(channel),
          templateLocale: isTemplated(channel) ? (file.locale === 'en' && template?.en ? 'en' : 'fr') : null,
        };
      }),
      applies: unmet.length === 0,
      unmet,
      deadlineOn: deadlines.length > 0 ? deadlines.reduce((a, b) => (b > a ? b : a)) : null,
    };
  });
}
