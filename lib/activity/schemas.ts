import { z } from 'zod';
import { DisputeStatus } from '../db/generated/enums';
import { CALLBACK_HORIZON_DAYS, PROMISE_HORIZON_DAYS } from './rules';
import { zonedTime } from '../compliance/zoned-time';
import type { AgencyClock } from '../dates/agency-clock';
import { addDays, isCalendarDay } from '../dates/days';
import { catalogueKeys } from '../errors/keys';
import { given, optional, orRequired } from '../forms/fields';
import {
  FILE_FORM_MESSAGES,
  NOTE_MAX,
  bool,
  day,
  isRecord,
  optionalText,
  text,
  uuid,
  version,
  wholeNumber,
} from '../cases/file-form-fields';
import { CLAIM_CORRECTION_MESSAGES, disputeCorrectionSchema } from '../cases/claim-correction-schema';

// The one definition of everything an agent records on a file, for the file page's forms and the API alike.
// Forms post strings ('' for an empty field) and may nest with dotted names (outcome.type); JSON may send
// numbers, booleans and null. Blank means "not given" in both.

export const ACTIVITY_MESSAGES = {
  ...FILE_FORM_MESSAGES,
  ...catalogueKeys('workspace.errors', [
    'channel',
    'answeredBy',
    'duration',
    'callOnly',
    'reachedMismatch',
    'noteRequired',
    'outcome',
    'amount',
    'promiseDay',
    'callbackAt',
    'callbackSunday',
    'callbackHoliday',
    'callbackNoHours',
    'callbackHours',
    'callbackCap',
    'needsConversation',
    'wrongPartyCall',
    'decision',
    'wrongPointKind',
    'doNotContact',
    'fileClosed',
    'suspended',
  ]),
};

const M = ACTIVITY_MESSAGES;

/** What the schemas need of the agency's clock to refuse past promises, future events and night-time callbacks. */
type SchemaClock = Pick<AgencyClock, 'now' | 'today' | 'timeZone'>;

// A promise above a billion euros is a typing slip, not a plan.
const MAX_CENTS = 100_000_000_000;

const cents = wholeNumber(M.amount, 1, MAX_CENTS);

/**
 * A date-time with an offset (API), or the local "YYYY-MM-DDTHH:mm" of a datetime-local field, read on the
 * agency's clock.
 */
function instant(timeZone: string, message: string) {
  return z.string({ error: orRequired(message) }).transform((value, ctx) => {
    const s = value.trim();
    const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(s);
    if (local && isCalendarDay(local[1]!) && Number(local[2]) < 24 && Number(local[3]) < 60) {
      return zonedTime(local[1]!, `${local[2]}:${local[3]}`, timeZone);
    }
    if (z.iso.datetime({ offset: true }).safeParse(s).success) return new Date(s);
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

// ————— contact log —————

export const CHANNELS = ['CALL', 'EMAIL', 'VISIT', 'NOTE'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ANSWERED_BY = ['DEBTOR', 'THIRD_PARTY', 'VOICEMAIL', 'NOBODY'] as const;
export type AnsweredBy = (typeof ANSWERED_BY)[number];
export const OUTCOMES = ['NONE', 'PROMISE', 'CALLBACK', 'DISPUTE', 'REFUSAL', 'WRONG_PARTY'] as const;
export type OutcomeType = (typeof OUTCOMES)[number];

/** Who answered decides whether a conversation took place. */
const CONVERSATION: Record<AnsweredBy, boolean> = {
  DEBTOR: true,
  THIRD_PARTY: true,
  VOICEMAIL: false,
  NOBODY: false,
};

/** A promise's amount and day, as an agent logs it or a debtor makes it on their page. */
export function promiseFields(clock: SchemaClock) {
  const lastPromiseDay = addDays(clock.today, PROMISE_HORIZON_DAYS);
  return {
    amountCents: given(cents),
    dueOn: given(day(M.promiseDay).refine((d) => d >= clock.today && d <= lastPromiseDay, M.promiseDay)),
  };
}

/**
 * When to call back, in the coming CALLBACK_HORIZON_DAYS. The contact window and caps need the debtor (their clock,
 * calendar and history): the use-case checks them.
 */
export function callbackAt(clock: SchemaClock) {
  const latestCallback = clock.now.getTime() + CALLBACK_HORIZON_DAYS * 86_400_000;
  return given(
    instant(clock.timeZone, M.callbackAt).refine(
      (at) => at > clock.now && at.getTime() <= latestCallback,
      M.callbackAt,
    ),
  );
}

function outcomeSchema(clock: SchemaClock) {
  return z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? { type: 'NONE' } : typeof v === 'string' ? { type: v } : v),
    z.discriminatedUnion(
      'type',
      [
        z.object({ type: z.literal('NONE') }).strict(),
        z.object({ type: z.literal('PROMISE'), ...promiseFields(clock) }).strict(),
        z.object({ type: z.literal('CALLBACK'), at: callbackAt(clock) }).strict(),
        z.object({ type: z.literal('DISPUTE'), reason: text(NOTE_MAX) }).strict(),
        z.object({ type: z.literal('REFUSAL'), note: optionalText(NOTE_MAX) }).strict(),
        z.object({ type: z.literal('WRONG_PARTY') }).strict(),
      ],
      { error: M.outcome },
    ),
  );
}

export type ContactOutcome = z.infer<ReturnType<typeof outcomeSchema>>;

/** A call, e-mail, visit or note logged on a file, with the outcome that decides the next step. */
export function contactLogSchema(clock: SchemaClock) {
  return z
    .object({
      fileId: uuid(M.fileId),
      expectedVersion: version,
      channel: given(z.enum(CHANNELS, { error: orRequired(M.channel) })),
      contactPointId: optional(z.uuid({ error: M.id })),
      reached: bool,
      answeredBy: optional(z.enum(ANSWERED_BY, { error: M.answeredBy })),
      durationSeconds: optional(wholeNumber(M.duration, 0, 14_400)),
      note: optionalText(NOTE_MAX),
      outcome: outcomeSchema(clock),
    })
    .strict()
    .superRefine(
      (v, ctx) => {
        const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
        const isCall = v.channel === 'CALL';
        if (isCall) {
          if (v.contactPointId === undefined) issue(['contactPointId'], M.required);
          if (v.answeredBy === undefined) issue(['answeredBy'], M.required);
          else if (typeof v.reached === 'boolean' && v.reached !== CONVERSATION[v.answeredBy]) {
            issue(['reached'], M.reachedMismatch);
          }
        } else if ((CHANNELS as readonly unknown[]).includes(v.channel)) {
          if (v.reached !== undefined) issue(['reached'], M.callOnly);
          if (v.answeredBy !== undefined) issue(['answeredBy'], M.callOnly);
          if (v.durationSeconds !== undefined) issue(['durationSeconds'], M.callOnly);
        }
        if (v.channel === 'NOTE' && !v.note) issue(['note'], M.noteRequired);
        const type = (v.outcome as { type?: unknown } | undefined)?.type;
        const answered = v.answeredBy;
        if (isCall && answered && ['PROMISE', 'DISPUTE', 'REFUSAL'].includes(String(type)) && !CONVERSATION[answered]) {
          issue(['outcome', 'type'], M.needsConversation);
        }
        if (type === 'WRONG_PARTY' && !(isCall && (answered === 'THIRD_PARTY' || answered === 'VOICEMAIL'))) {
          issue(['outcome', 'type'], M.wrongPartyCall);
        }
      },
      { when: isRecord },
    )
    .transform((v) => ({
      fileId: v.fileId,
      expectedVersion: v.expectedVersion,
      channel: v.channel,
      contactPointId: v.contactPointId ?? null,
      reached: v.channel === 'CALL' ? (v.reached ?? CONVERSATION[v.answeredBy!]) : null,
      answeredBy: v.channel === 'CALL' ? v.answeredBy! : null,
      durationSeconds: v.channel === 'CALL' ? (v.durationSeconds ?? null) : null,
      note: v.note,
      outcome: v.outcome,
    }));
}

export type ContactLog = z.infer<ReturnType<typeof contactLogSchema>>;
export type ContactLogInput = z.input<ReturnType<typeof contactLogSchema>>;

// ————— disputes, tasks, promises —————

export const DISPUTE_DECISIONS = ['UPHELD', 'REJECTED'] as const satisfies readonly DisputeStatus[];

export const disputeResolutionSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    disputeId: uuid(M.id),
    decision: given(z.enum(DISPUTE_DECISIONS, { error: orRequired(M.decision) })),
    resolution: text(NOTE_MAX),
    /** An upheld dispute's claim correction, recorded in the same action (issue 14). */
    correction: disputeCorrectionSchema.optional(),
  })
  .strict()
  .refine((v) => v.correction === undefined || v.decision === 'UPHELD', {
    path: ['correction', 'claimId'],
    message: CLAIM_CORRECTION_MESSAGES.upheldOnly,
    when: isRecord,
  });

export type DisputeResolution = z.infer<typeof disputeResolutionSchema>;

export const taskCompletionSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    taskId: uuid(M.id),
    note: optionalText(NOTE_MAX),
  })
  .strict();

export type TaskCompletion = z.infer<typeof taskCompletionSchema>;

export const promiseCancellationSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    promiseId: uuid(M.id),
    reason: text(500),
  })
  .strict();

export type PromiseCancellation = z.infer<typeof promiseCancellationSchema>;

export const workspaceRefSchema = z.object({ fileId: uuid(M.fileId) });

/**
 * A form post as a plain object: "outcome.type" and "outcome.amountCents" become { outcome: { type, amountCents } }.
 * Files and repeated names are ignored (the first value wins).
 */
export function formToInput(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || name.startsWith('$ACTION')) continue;
    const path = name.split('.');
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    if (!(leaf in node)) node[leaf] = value;
  }
  return out;
}
