import { z } from 'zod';
import { CompanyEventKind, ContactKind, ContactStatus, DisputeStatus } from '../db/generated/enums';
import { CALLBACK_HORIZON_DAYS, PROMISE_HORIZON_DAYS, normaliseFrenchPhone, withinContactHours } from './rules';
import { zonedTime } from '../compliance/zoned-time';
import type { AgencyClock } from '../dates/agency-clock';
import { addDays, isCalendarDay } from '../dates/days';
import { given, optional, orRequired, requiredText } from '../forms/fields';

// The one definition of everything an agent records on a file, for the file page's forms and the API alike.
// Forms post strings ('' for an empty field) and may nest with dotted names (outcome.type); JSON may send
// numbers, booleans and null. Blank means "not given" in both.

export const ACTIVITY_MESSAGES = {
  required: 'required',
  fileId: 'must be a file id',
  id: 'must be an id',
  version: 'must be the version number the file was read at',
  channel: 'must be CALL, EMAIL, VISIT or NOTE',
  answeredBy: 'must be DEBTOR, THIRD_PARTY, VOICEMAIL or NOBODY',
  boolean: 'must be true or false',
  duration: 'must be a whole number of seconds from 0 to 14400',
  callOnly: 'only for a call',
  reachedMismatch: 'does not match who answered',
  noteRequired: 'required for a note',
  outcome: 'must be NONE, PROMISE, CALLBACK, DISPUTE, REFUSAL or WRONG_PARTY',
  amount: 'must be a whole number of cents greater than 0',
  promiseDay: `must be a date YYYY-MM-DD from today to ${PROMISE_HORIZON_DAYS} days ahead`,
  callbackAt: `must be a date and time in the future, at most ${CALLBACK_HORIZON_DAYS} days ahead`,
  contactHours: 'must fall within contact hours: Monday to Saturday, 08:00 to 20:00',
  needsConversation: 'needs someone to have answered the call',
  wrongPartyCall: 'only for a call answered by someone else or a voicemail',
  day: 'must be a date written YYYY-MM-DD',
  future: 'cannot be in the future',
  publishedBeforeEvent: 'must be on or after the date of the event',
  eventKind: `must be one of ${Object.values(CompanyEventKind).join(', ')}`,
  nonPaymentReason:
    'must be one of DISPUTE_QUALITY, FINANCIAL_DIFFICULTY, FORGOT, CONTESTS_AMOUNT, INSOLVENCY, UNREACHABLE, OTHER',
  otherNeedsNote: 'explain the reason when it is OTHER',
  solvency: 'must be SOLVENT, UNCERTAIN, INSOLVENT or UNKNOWN',
  contactKind: 'must be ADDRESS, PHONE or EMAIL',
  phone: 'must be a phone number, e.g. 06 12 34 56 78 or +33 6 12 34 56 78',
  email: 'must be an e-mail address',
  postcode: 'must be a 5-digit French postcode',
  foreignPostcode: 'must be 1 to 16 letters or digits',
  country: 'must be a 2-letter country code such as FR',
  contactStatus: `must be one of ${Object.values(ContactStatus).join(', ')}`,
  decision: 'must be UPHELD or REJECTED',
  notDebtorsPoint: 'is not a contact point of this debtor',
  wrongPointKind: 'must be a phone number for a call, an e-mail address for an e-mail, an address for a visit',
  doNotContact: 'is marked do-not-contact: it cannot be used',
  fileClosed: 'the file is closed: only a note can be added',
  suspended: 'collection is suspended on this file (insolvency or over-indebtedness)',
  text: (max: number) => `must be 1 to ${max} characters`,
  maxText: (max: number) => `must be at most ${max} characters`,
} as const;

const M = ACTIVITY_MESSAGES;

/** What the schemas need of the agency's clock to refuse past promises, future events and night-time callbacks. */
type SchemaClock = Pick<AgencyClock, 'now' | 'today' | 'timeZone'>;

export const NOTE_MAX = 2000;
export const SHORT_MAX = 200;

// ————— field helpers —————

const text = (max: number) => requiredText(max, M.text(max));
/** Optional free text; blank clears it (null). */
const optionalText = (max: number) =>
  optional(
    z
      .string({ error: M.maxText(max) })
      .trim()
      .max(max, M.maxText(max)),
  ).transform((v) => v ?? null);

const uuid = (message: string) => given(z.uuid({ error: orRequired(message) }));

/** A whole number from a JSON number or a form's digits. */
const wholeNumber = (message: string, min: number, max: number) =>
  z.union([z.number(), z.string()], { error: orRequired(message) }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });

const version = given(wholeNumber(M.version, 0, 2_147_483_647));

const bool = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (s === '') return undefined;
    if (s === 'true' || s === 'on' || s === '1' || s === 'yes') return true;
    if (s === 'false' || s === 'off' || s === '0' || s === 'no') return false;
    return v;
  },
  z.boolean({ error: M.boolean }).optional(),
);

const day = (message: string = M.day) =>
  z
    .string({ error: orRequired(message) })
    .trim()
    .refine(isCalendarDay, message);

const notAfter = (today: string) => day().refine((d) => d <= today, M.future);

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

const isRecord = ({ value }: { value: unknown }) => typeof value === 'object' && value !== null;

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

function outcomeSchema(clock: SchemaClock) {
  const lastPromiseDay = addDays(clock.today, PROMISE_HORIZON_DAYS);
  const latestCallback = clock.now.getTime() + CALLBACK_HORIZON_DAYS * 86_400_000;
  return z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? { type: 'NONE' } : typeof v === 'string' ? { type: v } : v),
    z.discriminatedUnion(
      'type',
      [
        z.object({ type: z.literal('NONE') }).strict(),
        z
          .object({
            type: z.literal('PROMISE'),
            amountCents: given(cents),
            dueOn: given(day(M.promiseDay).refine((d) => d >= clock.today && d <= lastPromiseDay, M.promiseDay)),
          })
          .strict(),
        z
          .object({
            type: z.literal('CALLBACK'),
            at: given(
              instant(clock.timeZone, M.callbackAt)
                .refine((at) => at > clock.now && at.getTime() <= latestCallback, M.callbackAt)
                .refine((at) => withinContactHours(at, clock.timeZone), M.contactHours),
            ),
          })
          .strict(),
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

// ————— file information —————

export const NON_PAYMENT_REASONS = [
  'DISPUTE_QUALITY',
  'FINANCIAL_DIFFICULTY',
  'FORGOT',
  'CONTESTS_AMOUNT',
  'INSOLVENCY',
  'UNREACHABLE',
  'OTHER',
] as const;
export type NonPaymentReason = (typeof NON_PAYMENT_REASONS)[number];
export const SOLVENCY = ['SOLVENT', 'UNCERTAIN', 'INSOLVENT', 'UNKNOWN'] as const;
export type Solvency = (typeof SOLVENCY)[number];

/** What the agent learnt about the debtor: why it does not pay, whether it can, where it works and banks. */
export const fileInfoSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    nonPaymentReason: optional(z.enum(NON_PAYMENT_REASONS, { error: M.nonPaymentReason })).transform((v) => v ?? null),
    nonPaymentNote: optionalText(NOTE_MAX),
    solvency: optional(z.enum(SOLVENCY, { error: M.solvency })).transform((v) => v ?? null),
    solvencyNote: optionalText(NOTE_MAX),
    employer: optionalText(SHORT_MAX),
    bank: optionalText(SHORT_MAX),
  })
  .strict()
  .refine((v) => !(v.nonPaymentReason === 'OTHER' && !v.nonPaymentNote), {
    path: ['nonPaymentNote'],
    message: M.otherNeedsNote,
    when: isRecord,
  });

export type FileInfoInput = z.infer<typeof fileInfoSchema>;
/** The fields file_info holds, in the order the form shows them. */
export const FILE_INFO_FIELDS = [
  'nonPaymentReason',
  'nonPaymentNote',
  'solvency',
  'solvencyNote',
  'employer',
  'bank',
] as const satisfies readonly (keyof FileInfoInput)[];

// ————— company events —————

/** A change in the debtor's legal life, as read in the BODACC or told by the debtor. */
export function companyEventSchema(clock: Pick<AgencyClock, 'today'>) {
  return z
    .object({
      fileId: uuid(M.fileId),
      expectedVersion: version,
      kind: given(z.enum(CompanyEventKind, { error: orRequired(M.eventKind) })),
      occurredOn: given(notAfter(clock.today)),
      publishedOn: optional(notAfter(clock.today)).transform((v) => v ?? null),
      note: optionalText(NOTE_MAX),
    })
    .strict()
    .refine(
      (v) => !(typeof v.publishedOn === 'string' && typeof v.occurredOn === 'string' && v.publishedOn < v.occurredOn),
      { path: ['publishedOn'], message: M.publishedBeforeEvent, when: isRecord },
    );
}

export type CompanyEventInput = z.infer<ReturnType<typeof companyEventSchema>>;

// ————— contact points —————

export type NewContactValue =
  | { kind: 'PHONE'; phone: string }
  | { kind: 'EMAIL'; email: string }
  | { kind: 'ADDRESS'; line1: string; line2: string | null; postcode: string; city: string; country: string };

/**
 * A new phone number, e-mail or address for the debtor (locating it), with where it came from
 * ('debtor', 'creditor', 'skip tracing: <source>', …) and the day it was found (today when blank).
 */
export function contactPointSchema(clock: Pick<AgencyClock, 'today'>) {
  return z
    .object({
      fileId: uuid(M.fileId),
      expectedVersion: version,
      kind: given(z.enum(ContactKind, { error: orRequired(M.contactKind) })),
      label: optionalText(100),
      phone: optional(z.string({ error: M.phone })),
      email: optional(z.string({ error: M.email }).trim().toLowerCase()),
      line1: optional(
        z
          .string({ error: M.text(SHORT_MAX) })
          .trim()
          .max(SHORT_MAX, M.text(SHORT_MAX)),
      ),
      line2: optionalText(SHORT_MAX),
      postcode: optional(z.string({ error: M.postcode }).transform((s) => s.replace(/\s+/g, '').toUpperCase())),
      city: optional(
        z
          .string({ error: M.text(100) })
          .trim()
          .max(100, M.text(100)),
      ),
      country: optional(
        z
          .string({ error: M.country })
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, M.country),
      ).transform((v) => v ?? 'FR'),
      source: text(SHORT_MAX),
      foundOn: optional(notAfter(clock.today)).transform((v) => v ?? clock.today),
    })
    .strict()
    .transform((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const others = (keep: string[]) => {
        for (const key of ['phone', 'email', 'line1', 'line2', 'postcode', 'city'] as const) {
          if (!keep.includes(key) && v[key]) issue(key, `not used for a ${v.kind.toLowerCase()}`);
        }
      };
      let value: NewContactValue | null = null;
      if (v.kind === 'PHONE') {
        others(['phone']);
        const phone = v.phone === undefined ? null : normaliseFrenchPhone(v.phone);
        if (v.phone === undefined) issue('phone', M.required);
        else if (!phone) issue('phone', M.phone);
        if (phone) value = { kind: 'PHONE', phone };
      } else if (v.kind === 'EMAIL') {
        others(['email']);
        if (v.email === undefined) issue('email', M.required);
        else if (!z.email().safeParse(v.email).success || v.email.length > SHORT_MAX) issue('email', M.email);
        else value = { kind: 'EMAIL', email: v.email };
      } else {
        others(['line1', 'line2', 'postcode', 'city']);
        if (!v.line1) issue('line1', M.required);
        if (!v.city) issue('city', M.required);
        if (!v.postcode) issue('postcode', M.required);
        else if (v.country === 'FR' && !/^\d{5}$/.test(v.postcode)) issue('postcode', M.postcode);
        else if (!/^[A-Z0-9-]{1,16}$/.test(v.postcode)) issue('postcode', M.foreignPostcode);
        if (v.line1 && v.city && v.postcode) {
          value = {
            kind: 'ADDRESS',
            line1: v.line1,
            line2: v.line2,
            postcode: v.postcode,
            city: v.city,
            country: v.country,
          };
        }
      }
      if (!value || ctx.issues.length > 0) return z.NEVER;
      return {
        fileId: v.fileId,
        expectedVersion: v.expectedVersion,
        label: v.label,
        value,
        source: v.source,
        foundOn: v.foundOn,
      };
    });
}

export type NewContactPoint = z.infer<ReturnType<typeof contactPointSchema>>;

/** A contact point found valid, wrong, returned or off-limits; lifting do-not-contact must be said out loud. */
export const contactStatusSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    contactPointId: uuid(M.id),
    status: given(z.enum(ContactStatus, { error: orRequired(M.contactStatus) })),
    reason: text(500),
    liftDoNotContact: bool.transform((v) => v ?? false),
  })
  .strict();

export type ContactStatusChange = z.infer<typeof contactStatusSchema>;

// ————— disputes, tasks, promises —————

export const DISPUTE_DECISIONS = ['UPHELD', 'REJECTED'] as const satisfies readonly DisputeStatus[];

export const disputeResolutionSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    disputeId: uuid(M.id),
    decision: given(z.enum(DISPUTE_DECISIONS, { error: orRequired(M.decision) })),
    resolution: text(NOTE_MAX),
  })
  .strict();

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
