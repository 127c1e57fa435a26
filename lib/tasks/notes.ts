import { z } from 'zod';
import { CompanyEventKind } from '../db/generated/enums';
import { f } from '../history/fields';
import { kindRenderer } from '../history/render';
import type { Locale } from '../i18n/locales';
import { DEADLINE_KINDS, ROUTE_CODES } from '../judicial-codes/codes';
import { DATA_REQUESTS } from '../debtor-links/data-requests';

// What the application has to tell the person who works a task, kept as a catalogue key and its typed values
// (task.note_ref), shown as `taskNotes.<key>` in the reader's language by the timeline's renderer. task.note keeps
// only what a person typed: an agent's callback note, a dispute's reason, a manager's scenario template filled with
// the file's values.

const EVENT_KINDS = Object.values(CompanyEventKind) as [CompanyEventKind, ...CompanyEventKind[]];
const event = () => f.label('workspace.eventKinds', EVENT_KINDS);

export const TASK_NOTES = {
  /** A company event that does not stop collection (lib/cases/record-company-event.ts). */
  'company.review': z.strictObject({ event: event(), occurredOn: f.day() }),
  /** A debtor admitted to over-indebtedness: collection suspended, the Banque de France commission's procedure. */
  'insolvency.overIndebtedness': z.strictObject({ occurredOn: f.day() }),
  /** Collective proceedings whose BODACC publication is not known yet: the declaration deadline counts from it. */
  'insolvency.publicationUnknown': z.strictObject({ event: event(), occurredOn: f.day() }),
  /**
   * Declare the claim by the deadline (C. com. L622-24, R622-24: 2 months after the BODACC publication, 4 for a
   * creditor outside metropolitan France); `lapsed` when the deadline had passed as the event was recorded.
   */
  'insolvency.declare': z.strictObject({
    event: event(),
    publishedOn: f.day(),
    deadline: f.day(),
    months: f.count(),
    lapsed: f.flag(),
  }),
  /** A letter came back "addressee unknown" (lib/registered-mail/returned-address.ts). */
  'letter.returned': z.strictObject({ reference: f.text(100) }),
  /** No postal address can take the scenario's letter (guard NO_VALID_ADDRESS): find one. */
  'address.missing': z.strictObject({}),
  /** An upheld dispute: the creditor corrects the claim (credit note) or withdraws the file. */
  'dispute.upheld': z.strictObject({}),
  /** A scenario's call or visit whose step has no template of its own. */
  'scenario.step': z.strictObject({
    channel: f.label('timeline.channels', ['CALL_TASK', 'VISIT_TASK']),
    step: f.step().optional(),
  }),
  /** A plan paid as agreed that still leaves something due (lib/payments/record-payment.ts). */
  'plan.balanceLeft': z.strictObject({}),
  /** A plan the debtor proposed on their page beyond the mandate's limits: it waits for the creditor (R124-5). */
  'plan.debtorProposed': z.strictObject({}),
  /** A debtor's request about their personal data (GDPR art. 15/16), answered by the legal deadline (art. 12(3)). */
  'debtor.dataRequest': z.strictObject({
    request: f.label('timeline.dataRequests', DATA_REQUESTS),
    receivedOn: f.day(),
    deadline: f.day(),
  }),
  /**
   * A procedure's deadline (lib/judicial/record-procedure-step.ts): the task falls due a week before the last day,
   * so the agenda warns before it lapses.
   */
  'judicial.deadline': z.strictObject({
    deadline: f.label('judicial.deadlines', DEADLINE_KINDS),
    dueOn: f.day(),
    route: f.label('judicial.routes', ROUTE_CODES),
  }),
  /** The demo's agents' follow-ups (lib/demo/workload.ts). */
  'claim.declare': z.strictObject({}),
  'callback.agreed': z.strictObject({}),
  /**
   * CPCE R124-6: a creditor's oldest funds held are 20 days old (lib/remittances/remittance-alerts.ts); the file is
   * the one that paid them.
   */
  'remittance.due': z.strictObject({
    creditor: f.text(200),
    heldCents: f.money(),
    oldestOn: f.day(),
    deadlineOn: f.day(),
  }),
} as const satisfies Record<string, z.ZodObject>;

export type TaskNoteKey = keyof typeof TASK_NOTES;
export const TASK_NOTE_KEYS = Object.keys(TASK_NOTES) as TaskNoteKey[];

/** One note as stored in task.note_ref. */
export type TaskNoteRef = {
  [K in TaskNoteKey]: { key: K; values?: z.input<(typeof TASK_NOTES)[K]> };
}[TaskNoteKey];

/** Builds a reference; its values are checked when the task is written (open-task.ts). */
export function taskNote<K extends TaskNoteKey>(key: K, values: z.input<(typeof TASK_NOTES)[K]>): TaskNoteRef {
  return { key, values } as TaskNoteRef;
}

/** Checks a reference before it is stored: a note the renderer could not show is a bug at the writer. */
export function checkTaskNote(ref: TaskNoteRef): { key: TaskNoteKey; values: Record<string, unknown> } {
  const schema = Object.hasOwn(TASK_NOTES, ref.key) ? TASK_NOTES[ref.key] : undefined;
  if (!schema) throw new Error(`Unknown task note ${String(ref.key)}`);
  const parsed = schema.safeParse(ref.values ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Task note ${ref.key} has invalid values — ${problems}`);
  }
  return { key: ref.key, values: parsed.data as Record<string, unknown> };
}

/** What a task says to its reader: the application's note in their language, then what a person typed. */
export function taskNoteText(
  task: { note: string | null; noteRef: unknown },
  locale: Locale,
  timeZone: string,
): string | null {
  const ref = task.noteRef as { key?: unknown; values?: unknown } | null;
  const said =
    ref && typeof ref.key === 'string'
      ? kindRenderer('taskNotes', TASK_NOTES, locale, timeZone)({ kind: ref.key, details: ref.values })
      : null;
  return [said, task.note].filter((s): s is string => !!s).join('\n') || null;
}
