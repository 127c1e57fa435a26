/**
 * The scenario editor's state and its two conversions: from a stored version to what the form shows (euros
 * as typed text, days as text), and from the form to the use-case input (cents, whole days). Text that does
 * not convert is sent as typed, so the server's schema answers with the field's message rather than the
 * browser guessing. Pure: no React, so it is unit-tested and shared by the editor and the preview.
 */
import { parseAmountToCents } from '@/lib/money/parse-amount';
import type { PreviewStepInput } from '@/lib/scenario-design/preview';
import {
  TEMPLATED_CHANNELS,
  type AssignmentRules,
  type DelayAnchor,
  type ScenarioLocale,
  type ScenarioStepInput,
  type StepChannel,
  type TemplatedChannel,
} from '@/lib/scenarios/schemas';

export interface EditorText {
  subject: string;
  body: string;
}
export type EditorTemplate = Record<ScenarioLocale, EditorText>;

export interface EditorStep {
  /** Stable React key: steps move, their index does not identify them. */
  key: string;
  days: string;
  kind: 'WORKING' | 'CALENDAR';
  from: DelayAnchor;
  channels: StepChannel[];
  /** Kept for channels unticked meanwhile, so ticking again brings the text back; only ticked ones are sent. */
  templates: Partial<Record<TemplatedChannel, EditorTemplate>>;
  minDue: string;
  maxDue: string;
  debtorKind: '' | 'PERSON' | 'COMPANY';
  deadlineDays: string;
}

export const DEBTOR_KINDS = ['PERSON', 'COMPANY'] as const;
export const NATURES = ['B2B', 'CONSUMER', 'CIVIL'] as const;
export const SOLVENCIES = ['SOLVENT', 'UNCERTAIN', 'INSOLVENT', 'UNKNOWN'] as const;
export const LOCALES = ['fr', 'en'] as const;

export interface EditorRules {
  minDue: string;
  maxDue: string;
  debtorKinds: string[];
  natures: string[];
  creditorIds: string[];
  solvency: string[];
  locales: string[];
}

export interface EditorState {
  name: string;
  description: string;
  priority: string;
  steps: EditorStep[];
  rules: EditorRules;
}

/** Channels whose step gives the debtor a payment deadline (lib/scenarios/rules.ts `deadlineFor`). */
export const DEADLINE_CHANNELS: readonly StepChannel[] = ['REGISTERED_LETTER', 'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING'];

export const isTemplated = (c: StepChannel): c is TemplatedChannel =>
  (TEMPLATED_CHANNELS as readonly string[]).includes(c);

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `s${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

const EMPTY_TEXT: EditorText = { subject: '', body: '' };
export const emptyTemplate = (): EditorTemplate => ({ fr: { ...EMPTY_TEXT }, en: { ...EMPTY_TEXT } });

export function emptyStep(): EditorStep {
  return {
    key: newKey(),
    days: '7',
    kind: 'CALENDAR',
    from: 'PREVIOUS_STEP',
    channels: [],
    templates: {},
    minDue: '',
    maxDue: '',
    debtorKind: '',
    deadlineDays: '',
  };
}

/** Cents as a person types euros: "1500" or "1500,50" (fr) / "1500.50" (en), no grouping to trip over. */
export function centsToText(cents: number | undefined, locale: ScenarioLocale): string {
  if (cents === undefined || !Number.isFinite(cents)) return '';
  const euros = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  if (rest === 0) return String(euros);
  return `${euros}${locale === 'fr' ? ',' : '.'}${String(rest).padStart(2, '0')}`;
}

function textOf(value: unknown): EditorText {
  const v = (typeof value === 'object' && value !== null ? value : {}) as { subject?: unknown; body?: unknown };
  return { subject: typeof v.subject === 'string' ? v.subject : '', body: typeof v.body === 'string' ? v.body : '' };
}

export function stepFromStored(step: ScenarioStepInput, locale: ScenarioLocale): EditorStep {
  const templates: EditorStep['templates'] = {};
  for (const [channel, template] of Object.entries(step.templates ?? {})) {
    if (!isTemplated(channel as StepChannel) || !template) continue;
    templates[channel as TemplatedChannel] = { fr: textOf(template.fr), en: textOf(template.en) };
  }
  return {
    key: newKey(),
    days: String(step.delay?.days ?? ''),
    kind: step.delay?.kind ?? 'CALENDAR',
    from: step.delay?.from ?? 'PREVIOUS_STEP',
    channels: [...(step.channels ?? [])],
    templates,
    minDue: centsToText(step.conditions?.minDueCents, locale),
    maxDue: centsToText(step.conditions?.maxDueCents, locale),
    debtorKind: step.conditions?.debtorKind ?? '',
    deadlineDays: step.deadlineDays === undefined ? '' : String(step.deadlineDays),
  };
}

export function stateFromStored(
  scenario: { name: string; description: string | null },
  version: { priority: number; steps: ScenarioStepInput[]; rules: AssignmentRules },
  locale: ScenarioLocale,
): EditorState {
  const r = version.rules;
  return {
    name: scenario.name,
    description: scenario.description ?? '',
    priority: String(version.priority),
    steps: version.steps.map((s) => stepFromStored(s, locale)),
    rules: {
      minDue: centsToText(r.minDueCents, locale),
      maxDue: centsToText(r.maxDueCents, locale),
      debtorKinds: [...(r.debtorKinds ?? [])],
      natures: [...(r.natures ?? [])],
      creditorIds: [...(r.creditorIds ?? [])],
      solvency: [...(r.solvency ?? [])],
      locales: [...(r.locales ?? [])],
    },
  };
}

/** A whole number typed as digits becomes a number; anything else goes as typed, for the schema to refuse. */
export function wholeOrRaw(text: string): number | string {
  return /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : text;
}

/** Euros typed → cents; blank → absent; unreadable → the text as typed. */
export function centsOrRaw(text: string): number | string | undefined {
  if (text.trim() === '') return undefined;
  const cents = parseAmountToCents(text);
  return cents === null || cents < 0 ? text : cents;
}

function textInput(text: EditorText, channel: TemplatedChannel) {
  return channel === 'EMAIL' ? { subject: text.subject, body: text.body } : { body: text.body };
}
const written = (t: EditorText | undefined) => Boolean(t && (t.subject.trim() || t.body.trim()));

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function stepInput(step: EditorStep): Record<string, unknown> {
  const templates: Record<string, unknown> = {};
  for (const channel of step.channels) {
    if (!isTemplated(channel)) continue;
    const t = step.templates[channel] ?? emptyTemplate();
    templates[channel] = { fr: textInput(t.fr, channel), ...(written(t.en) ? { en: textInput(t.en, channel) } : {}) };
  }
  const conditions = defined({
    minDueCents: centsOrRaw(step.minDue),
    maxDueCents: centsOrRaw(step.maxDue),
    debtorKind: step.debtorKind || undefined,
  });
  const warns = step.channels.some((c) => DEADLINE_CHANNELS.includes(c));
  return {
    delay: { days: wholeOrRaw(step.days), kind: step.kind, from: step.from },
    channels: step.channels,
    templates,
    ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
    ...(warns && step.deadlineDays.trim() !== '' ? { deadlineDays: wholeOrRaw(step.deadlineDays) } : {}),
  };
}

const list = (values: string[]) => (values.length > 0 ? values : undefined);

/** What the save action sends to lib/scenario-design/save-draft-version.ts. */
export function draftInput(state: EditorState): Record<string, unknown> {
  return {
    name: state.name,
    description: state.description,
    priority: wholeOrRaw(state.priority),
    steps: state.steps.map(stepInput),
    rules: defined({
      minDueCents: centsOrRaw(state.rules.minDue),
      maxDueCents: centsOrRaw(state.rules.maxDue),
      debtorKinds: list(state.rules.debtorKinds),
      natures: list(state.rules.natures),
      creditorIds: list(state.rules.creditorIds),
      solvency: list(state.rules.solvency),
      locales: list(state.rules.locales),
    }),
  };
}

/** The steps as the preview reads them; a delay that is not a whole number makes the step invalid there. */
export function previewSteps(state: EditorState): PreviewStepInput[] {
  return state.steps.map((s) => {
    const days = wholeOrRaw(s.days);
    const min = centsOrRaw(s.minDue);
    const max = centsOrRaw(s.maxDue);
    const deadline = wholeOrRaw(s.deadlineDays);
    return {
      delay: { days: typeof days === 'number' ? days : Number.NaN, kind: s.kind, from: s.from },
      channels: s.channels,
      conditions: {
        ...(typeof min === 'number' ? { minDueCents: min } : {}),
        ...(typeof max === 'number' ? { maxDueCents: max } : {}),
        ...(s.debtorKind ? { debtorKind: s.debtorKind } : {}),
      },
      ...(typeof deadline === 'number' && deadline > 0 ? { deadlineDays: deadline } : {}),
      templates: Object.fromEntries(
        s.channels
          .filter(isTemplated)
          .map((c) => [c, { fr: true, en: written(s.templates[c]?.en) ? true : undefined }]),
      ),
    };
  });
}
