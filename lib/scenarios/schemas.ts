/**
 * The one definition of a scenario: its steps (scenario_version.steps), its assignment rules
 * (scenario_version.rules), and the inputs of the engine's use-cases and jobs. The designer screen, the
 * engine and the tests all parse with these.
 *
 * Letters (simple, registered, formal notice, pre-judicial warning) carry the fixed legal content of
 * lib/letters (CPCE R124-4): a step chooses them but does not rewrite them, so only e-mail, SMS and the
 * agent's call/visit tasks take a template.
 */
import { catalogueKeys } from '../errors/keys';
import { z } from 'zod';
import { fitsSms } from '../sms/segments';

export const STEP_CHANNELS = [
  'SIMPLE_LETTER',
  'EMAIL',
  'SMS',
  'CALL_TASK',
  'VISIT_TASK',
  'REGISTERED_LETTER',
  'FORMAL_NOTICE',
  'PRE_JUDICIAL_WARNING',
  'ESCALATE',
] as const;
export type StepChannel = (typeof STEP_CHANNELS)[number];

/** Channels whose text the scenario writes; every other channel has fixed content. */
export const TEMPLATED_CHANNELS = ['EMAIL', 'SMS', 'CALL_TASK', 'VISIT_TASK'] as const;
export type TemplatedChannel = (typeof TEMPLATED_CHANNELS)[number];
/** Channels that produce a document row (and a PDF) for the print runs. */
export const LETTER_CHANNELS = ['SIMPLE_LETTER', 'REGISTERED_LETTER', 'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING'] as const;

export const SCENARIO_LOCALES = ['fr', 'en'] as const;
export type ScenarioLocale = (typeof SCENARIO_LOCALES)[number];

/** Placeholders a template may use, replaced by lib/scenarios/rules.ts `fillTemplate`. */
export const TEMPLATE_VARIABLES = [
  'debtorName',
  'fileReference',
  'creditorName',
  'agencyName',
  'amountDue',
  'iban',
  'deadline',
  // CPCE R124-4 / DOMAIN.md: later messages quote the first letter's reference and its sending date.
  'firstLetterReference',
  'firstLetterDate',
  // Issue 17: the debtor's private page; an e-mail or SMS whose template leaves it out gets it appended.
  'debtorPageUrl',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const SCENARIO_MESSAGES = catalogueKeys('scenarios.errors', [
  'days',
  'channels',
  'escalateAlone',
  'templateMissing',
  'templateNotAllowed',
  'subject',
  'body',
  'smsLength',
  'unknownVariable',
  'cents',
  'minMax',
  'steps',
  'deadlineDays',
  'lastStepEscalate',
]);
const M = SCENARIO_MESSAGES;

const cents = z.number({ error: M.cents }).int(M.cents).min(0, M.cents);

/** `{{name}}` placeholders of a text; unknown names are refused when the scenario is saved. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
}
const knownPlaceholders = (text: string) =>
  placeholders(text).every((p) => (TEMPLATE_VARIABLES as readonly string[]).includes(p));

const body = z.string().trim().min(1, M.body).max(5000, M.body).refine(knownPlaceholders, M.unknownVariable);
export const templateTextSchema = z.strictObject({
  subject: z
    .string()
    .trim()
    .min(1, M.subject)
    .max(200, M.subject)
    .refine(knownPlaceholders, M.unknownVariable)
    .optional(),
  body,
});
export type TemplateText = z.infer<typeof templateTextSchema>;

/** French is required (French first); English is used for debtors whose language is English when present. */
export const channelTemplateSchema = z.strictObject({
  fr: templateTextSchema,
  en: templateTextSchema.optional(),
});
export type ChannelTemplate = z.infer<typeof channelTemplateSchema>;

export const DELAY_ANCHORS = ['PREVIOUS_STEP', 'PLACEMENT', 'LETTER_POSTED'] as const;

export const delaySchema = z.strictObject({
  days: z.number({ error: M.days }).int(M.days).min(0, M.days).max(365, M.days),
  kind: z.enum(['WORKING', 'CALENDAR']).default('CALENDAR'),
  /**
   * PREVIOUS_STEP: from the previous step (from its letters' posting when it drew letters); PLACEMENT: from the
   * file's placement; LETTER_POSTED: from the posting of the file's last letter, whichever step drew it (issue 14:
   * a delay the scenario counts from the letter moves with the day the letter actually left).
   */
  from: z.enum(DELAY_ANCHORS).default('PREVIOUS_STEP'),
});
export type StepDelay = z.infer<typeof delaySchema>;
export type DelayAnchor = (typeof DELAY_ANCHORS)[number];

/** A step whose conditions do not hold for the file is skipped (recorded with the reason CONDITION_NOT_MET). */
export const stepConditionsSchema = z
  .strictObject({
    minDueCents: cents.optional(),
    maxDueCents: cents.optional(),
    debtorKind: z.enum(['PERSON', 'COMPANY']).optional(),
  })
  .refine((c) => c.minDueCents === undefined || c.maxDueCents === undefined || c.minDueCents <= c.maxDueCents, {
    message: M.minMax,
    path: ['maxDueCents'],
  });
export type StepConditions = z.infer<typeof stepConditionsSchema>;

export const stepSchema = z
  .strictObject({
    delay: delaySchema,
    channels: z
      .array(z.enum(STEP_CHANNELS))
      .min(1, M.channels)
      .refine((cs) => new Set(cs).size === cs.length, M.channels),
    templates: z.partialRecord(z.enum(STEP_CHANNELS), channelTemplateSchema).default({}),
    conditions: stepConditionsSchema.optional(),
    /** Days the formal notice or the pre-judicial warning gives the debtor to pay (calendar days). */
    deadlineDays: z.number({ error: M.deadlineDays }).int(M.deadlineDays).min(1).max(90).optional(),
  })
  .superRefine((step, ctx) => {
    if (step.channels.includes('ESCALATE') && step.channels.length > 1)
      ctx.addIssue({ code: 'custom', message: M.escalateAlone, path: ['channels'] });
    for (const channel of step.channels) {
      const templated = (TEMPLATED_CHANNELS as readonly string[]).includes(channel);
      const template = step.templates[channel];
      if (templated && !template)
        ctx.addIssue({ code: 'custom', message: M.templateMissing, path: ['templates', channel] });
      if (channel === 'EMAIL' && template) {
        for (const locale of SCENARIO_LOCALES)
          if (template[locale] && !template[locale].subject)
            ctx.addIssue({ code: 'custom', message: M.subject, path: ['templates', channel, locale, 'subject'] });
      }
      if (channel === 'SMS' && template) {
        for (const locale of SCENARIO_LOCALES)
          if (!fitsSms(template[locale]?.body ?? ''))
            ctx.addIssue({ code: 'custom', message: M.smsLength, path: ['templates', channel, locale, 'body'] });
      }
    }
    for (const channel of Object.keys(step.templates))
      if (
        !(TEMPLATED_CHANNELS as readonly string[]).includes(channel) ||
        !step.channels.includes(channel as StepChannel)
      )
        ctx.addIssue({ code: 'custom', message: M.templateNotAllowed, path: ['templates', channel] });
  });
export type ScenarioStep = z.output<typeof stepSchema>;
export type ScenarioStepInput = z.input<typeof stepSchema>;

export const stepsSchema = z
  .array(stepSchema)
  .min(1, M.steps)
  .max(30, M.steps)
  .superRefine((steps, ctx) => {
    steps.forEach((s, i) => {
      if (s.channels.includes('ESCALATE') && i !== steps.length - 1)
        ctx.addIssue({ code: 'custom', message: M.lastStepEscalate, path: [i, 'channels'] });
    });
  });

/**
 * Which files a scenario version takes when they are placed. Every criterion left out matches every file;
 * among the versions that match, the highest `priority` wins, then the most specific rules, then the newest.
 * `solvency` is the file's risk as the agent assessed it (file_info.solvency; UNKNOWN when not assessed).
 */
export const assignmentRulesSchema = z
  .strictObject({
    minDueCents: cents.optional(),
    maxDueCents: cents.optional(),
    debtorKinds: z
      .array(z.enum(['PERSON', 'COMPANY']))
      .min(1)
      .optional(),
    natures: z
      .array(z.enum(['B2B', 'CONSUMER', 'CIVIL']))
      .min(1)
      .optional(),
    creditorIds: z.array(z.uuid()).min(1).optional(),
    solvency: z
      .array(z.enum(['SOLVENT', 'UNCERTAIN', 'INSOLVENT', 'UNKNOWN']))
      .min(1)
      .optional(),
    locales: z.array(z.enum(SCENARIO_LOCALES)).min(1).optional(),
  })
  .refine((r) => r.minDueCents === undefined || r.maxDueCents === undefined || r.minDueCents <= r.maxDueCents, {
    message: M.minMax,
    path: ['maxDueCents'],
  });
export type AssignmentRules = z.infer<typeof assignmentRulesSchema>;

// Use-case inputs --------------------------------------------------------------------------------------------

const reason = z.string().trim().min(3, 'errors.scenarios.reason').max(500, 'errors.scenarios.reason');

const fileId = z.uuid('errors.scenarios.fileId');

export const fileRefSchema = z.object({ fileId });
export const pauseScenarioSchema = z.object({ fileId, reason });
export const resumeScenarioSchema = z.object({ fileId });
export const startScenarioSchema = z.object({
  fileId,
  /** A version chosen by hand; absent = the assignment rules choose. */
  scenarioVersionId: z.uuid('scenarios.errors.versionId').optional(),
});
