import { timelineInsert } from '../history/record';
import { recordAudit, recordAudits } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import { dayIn, frenchDay } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { AppError, codeRef, ref, type ErrorRef } from '../errors/app-error';
import type { MessageRef, RowIssue } from '../i18n/message-ref';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import {
  MAX_TRACKING_ROWS,
  registeredMailEntrySchema,
  trackingRowSchema,
  type TrackingField,
  type TrackingRow,
} from './schemas';
import { invalidateReturnedAddresses } from './returned-address';
import { applyLetterDates } from '../print-runs/letter-dates';
import type { DeliveryOutcome } from './schemas';

/**
 * Registered letters (LRAR, formal notices, pre-judicial warnings): the La Poste tracking number, the day the
 * letter was posted, the acknowledgement date and what became of the letter are known only after posting, so
 * they are entered by hand or imported from the mailing house's file later. Both ways go through `check` and
 * `write` below: the same rules, the same timeline entry, the same audit line.
 *
 * Recording what is already recorded changes nothing and logs nothing, so the same file uploaded twice (or a
 * form sent twice) leaves one entry on the timeline.
 *
 * A letter La Poste returns "destinataire inconnu à l'adresse" (NPAI) also marks the address it was sent to as
 * returned mail, in the same transaction (lib/registered-mail/returned-address.ts), so no further letter goes there.
 */

export interface RegisteredMailResult {
  documentId: string;
  fileId: string;
  trackingNumber: string | null;
  sentOn: string | null;
  firstPresentedOn: string | null;
  acknowledgedOn: string | null;
  deliveryOutcome: DeliveryOutcome | null;
  /** False when every value given was already recorded. */
  changed: boolean;
}

interface Letter {
  id: string;
  fileId: string;
  reference: string;
  fileReference: string;
  registered: boolean;
  /** The day the letter was produced, in the agency's time zone: it cannot have been posted before. */
  producedOn: string;
  sentOn: string | null;
  firstPresentedOn: string | null;
  trackingNumber: string | null;
  acknowledgedOn: string | null;
  deliveryOutcome: DeliveryOutcome | null;
}

/** Absent: left as recorded; null: cleared (by hand only, the correction path). */
interface Update {
  trackingNumber?: string | null;
  sentOn?: string | null;
  firstPresentedOn?: string | null;
  acknowledgedOn?: string | null;
  deliveryOutcome?: DeliveryOutcome | null;
}

export interface Problem extends MessageRef {
  field: keyof Update;
}

/**
 * A hand entry refused: the fields in English for the API, and each problem as a catalogue key so the file
 * page says it in the reader's language.
 */
export class RegisteredMailRefusal extends AppError {
  constructor(readonly problems: Problem[]) {
    const fields: Record<string, ErrorRef> = {};
    const asError = (p: Problem): ErrorRef => ({ key: `reasons.${p.key}`, ...(p.values ? { values: p.values } : {}) });
    for (const p of problems) fields[p.field] ??= asError(p);
    // The top line is the house's generic "nothing was saved: correct the fields marked"; each field says why.
    super('INVALID', codeRef('INVALID'), fields);
  }
}

type Source = { kind: 'hand' } | { kind: 'import'; fileName?: string };
interface Clock {
  now: Date;
  today: string;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const issue = (field: keyof Update, key: string, values?: Record<string, string>): Problem => ({
  field,
  key: `tracking.${key}`,
  ...(values ? { values } : {}),
});

/**
 * Locks and reads the letters named by id, reference or tracking number, in one order so two imports touching
 * the same letters wait for each other instead of deadlocking; the second then sees what the first recorded.
 */
async function lockLetters(
  tx: Tx,
  tenantId: string,
  timeZone: string,
  by: { ids?: string[]; references?: string[]; numbers?: string[] },
): Promise<Letter[]> {
  const rows = await tx.$queryRaw<
    {
      id: string;
      file_id: string;
      reference: string;
      file_reference: string;
      registered: boolean;
      created_at: Date;
      sent_on: Date | null;
      first_presented_on: Date | null;
      tracking_number: string | null;
      acknowledged_on: Date | null;
      delivery_outcome: DeliveryOutcome | null;
    }[]
  >`
    SELECT d.id, d.file_id, d.reference, f.reference AS file_reference, d.registered, d.created_at, d.sent_on,
           d.first_presented_on, d.tracking_number, d.acknowledged_on, d.delivery_outcome::text AS delivery_outcome
      FROM document d JOIN case_file f ON f.tenant_id = d.tenant_id AND f.id = d.file_id
     WHERE d.tenant_id = ${tenantId}::uuid AND d.kind <> 'DOSSIER'
       AND (d.id = ANY(${by.ids ?? []}::uuid[]) OR d.reference = ANY(${by.references ?? []}::text[])
            OR d.tracking_number = ANY(${by.numbers ?? []}::text[]))
     ORDER BY d.id
       FOR UPDATE OF d`;
  return rows.map((r) => ({
    id: r.id,
    fileId: r.file_id,
    reference: r.reference,
    fileReference: r.file_reference,
    registered: r.registered,
    producedOn: dayIn(timeZone, r.created_at),
    sentOn: day(r.sent_on),
    firstPresentedOn: day(r.first_presented_on),
    trackingNumber: r.tracking_number,
    acknowledgedOn: day(r.acknowledged_on),
    deliveryOutcome: r.delivery_outcome,
  }));
}

/**
 * The rules every entry obeys: nothing in the future, no posting before the letter existed, no acknowledgement
 * before the posting, none for a letter that found nobody at the address. An import also may not overwrite a
 * number, an acknowledgement or an outcome already recorded with another one: a different value in the mailing
 * house's file is a shifted line far more often than a correction, which is made by hand.
 */
function check(letter: Letter, u: Update, today: string, keepRecorded: boolean): Problem[] {
  const problems: Problem[] = [];
  if (u.sentOn && u.sentOn > today) problems.push(issue('sentOn', 'future', { date: frenchDay(u.sentOn) }));
  else if (u.sentOn && u.sentOn < letter.producedOn)
    problems.push(issue('sentOn', 'depositBeforeLetter', { date: frenchDay(letter.producedOn) }));
  const sentOn = u.sentOn !== undefined ? u.sentOn : letter.sentOn;
  const acknowledgedOn = u.acknowledgedOn !== undefined ? u.acknowledgedOn : letter.acknowledgedOn;
  const firstPresentedOn = u.firstPresentedOn !== undefined ? u.firstPresentedOn : letter.firstPresentedOn;
  if (u.firstPresentedOn && u.firstPresentedOn > today)
    problems.push(issue('firstPresentedOn', 'future', { date: frenchDay(u.firstPresentedOn) }));
  else if (firstPresentedOn && sentOn && firstPresentedOn < sentOn)
    problems.push(
      issue(u.firstPresentedOn ? 'firstPresentedOn' : 'sentOn', 'presentedBeforeDeposit', { date: frenchDay(sentOn) }),
    );
  const outcome = u.deliveryOutcome !== undefined ? u.deliveryOutcome : letter.deliveryOutcome;
  if (u.acknowledgedOn && u.acknowledgedOn > today)
    problems.push(issue('acknowledgedOn', 'future', { date: frenchDay(u.acknowledgedOn) }));
  else if (u.acknowledgedOn && sentOn && u.acknowledgedOn < sentOn)
    problems.push(issue('acknowledgedOn', 'ackBeforeDeposit', { date: frenchDay(sentOn) }));
  else if (u.sentOn && !u.acknowledgedOn && acknowledgedOn && acknowledgedOn < u.sentOn)
    problems.push(issue('sentOn', 'depositAfterAck', { date: frenchDay(acknowledgedOn) }));
  if ((u.acknowledgedOn || u.deliveryOutcome) && acknowledgedOn && outcome === 'UNKNOWN_ADDRESS')
    problems.push(issue(u.acknowledgedOn ? 'acknowledgedOn' : 'deliveryOutcome', 'ackUnknownAddress'));
  if (keepRecorded) {
    if (u.trackingNumber && letter.trackingNumber && u.trackingNumber !== letter.trackingNumber)
      problems.push(issue('trackingNumber', 'numberDiffers', { current: letter.trackingNumber }));
    if (u.acknowledgedOn && letter.acknowledgedOn && u.acknowledgedOn !== letter.acknowledgedOn)
      problems.push(issue('acknowledgedOn', 'ackDiffers', { current: frenchDay(letter.acknowledgedOn) }));
    if (u.deliveryOutcome && letter.deliveryOutcome && u.deliveryOutcome !== letter.deliveryOutcome)
      problems.push(issue('deliveryOutcome', 'outcomeDiffers', { current: letter.deliveryOutcome }));
  }
  return problems;
}

const FIELDS = ['trackingNumber', 'sentOn', 'firstPresentedOn', 'acknowledgedOn', 'deliveryOutcome'] as const;

/** Only what differs from the letter: the same values again, or clearing what is empty, are no change. */
function changesOf(letter: Letter, u: Update): Update {
  const c: Update = {};
  for (const field of FIELDS) {
    const value = u[field];
    if (value !== undefined && value !== letter[field]) Object.assign(c, { [field]: value });
  }
  return c;
}

const WAS = {
  trackingNumber: 'wasTrackingNumber',
  sentOn: 'wasSentOn',
  firstPresentedOn: 'wasFirstPresentedOn',
  acknowledgedOn: 'wasAcknowledgedOn',
  deliveryOutcome: 'wasDeliveryOutcome',
} as const satisfies Record<keyof Update, string>;

// A value corrected by hand names the one it replaces: the timeline is where a wrong number is found again later.
// A file only replaces the posting day, which the engine sets to the day the letter was produced until the real
// one is known, so saying what it replaced there would be noise on every line. A cleared value is always named.
function replaced(letter: Letter, c: Update, source: Source): Record<string, string> {
  return Object.fromEntries(
    FIELDS.filter((f) => c[f] !== undefined && letter[f] !== null && (c[f] === null || source.kind === 'hand')).map(
      (f) => [WAS[f], letter[f]!],
    ),
  );
}

function isTrackingClash(error: unknown): boolean {
  const text = `${error instanceof Error ? error.message : ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? {})}`;
  return text.includes('document_tracking_number_key');
}

/**
 * Writes the changes of many letters at once: one UPDATE, one INSERT of timeline entries, one of audit lines;
 * then the addresses of the letters newly returned "unknown at the address" are marked, in the same transaction.
 */
async function write(
  tx: Tx,
  actor: Actor,
  changes: { letter: Letter; c: Update }[],
  source: Source,
  clock: Clock,
): Promise<void> {
  if (changes.length === 0) return;
  // A field is written when it is in the change (null clears it), and kept otherwise.
  const given = (field: keyof Update) => changes.map((x) => x.c[field] !== undefined);
  try {
    await tx.$executeRaw`
      UPDATE document d
         SET tracking_number = CASE WHEN c.set_number THEN c.tracking_number ELSE d.tracking_number END,
             sent_on = CASE WHEN c.set_sent THEN c.sent_on ELSE d.sent_on END,
             first_presented_on = CASE WHEN c.set_presented THEN c.first_presented_on ELSE d.first_presented_on END,
             acknowledged_on = CASE WHEN c.set_ack THEN c.acknowledged_on ELSE d.acknowledged_on END,
             delivery_outcome = CASE WHEN c.set_outcome THEN c.delivery_outcome ELSE d.delivery_outcome END
        FROM unnest(${changes.map((x) => x.letter.id)}::uuid[],
                    ${changes.map((x) => x.c.trackingNumber ?? null)}::text[],
                    ${changes.map((x) => x.c.sentOn ?? null)}::date[],
                    ${changes.map((x) => x.c.firstPresentedOn ?? null)}::date[],
                    ${changes.map((x) => x.c.acknowledgedOn ?? null)}::date[],
                    ${changes.map((x) => x.c.deliveryOutcome ?? null)}::"DeliveryOutcome"[],
                    ${given('trackingNumber')}::boolean[], ${given('sentOn')}::boolean[],
                    ${given('firstPresentedOn')}::boolean[],
                    ${given('acknowledgedOn')}::boolean[], ${given('deliveryOutcome')}::boolean[])
             AS c(id, tracking_number, sent_on, first_presented_on, acknowledged_on, delivery_outcome,
                  set_number, set_sent, set_presented, set_ack, set_outcome)
       WHERE d.tenant_id = ${actor.tenantId}::uuid AND d.id = c.id`;
  } catch (error) {
    // Another entry took the number between our check and this write.
    if (isTrackingClash(error)) throw new AppError('CONFLICT', 'errors.registeredMail.trackingTaken');
    throw error;
  }
  const origin =
    source.kind === 'import'
      ? { source: 'import' as const, fileName: source.fileName ?? null }
      : { source: 'hand' as const };
  const previous = (letter: Letter, c: Update) =>
    Object.fromEntries(FIELDS.filter((f) => c[f] !== undefined && letter[f] !== null).map((f) => [f, letter[f]]));
  // Tracking is the letter's news, not a change of its file: no new file version, one statement for the batch.
  await tx.$queryRaw(
    timelineInsert(
      actor.tenantId,
      changes.map(({ letter, c }) => ({
        fileId: letter.fileId,
        line: {
          kind: 'letter.tracking',
          details: {
            documentId: letter.id,
            reference: letter.reference,
            ...c,
            previous: previous(letter, c),
            ...replaced(letter, c, source),
            ...origin,
            // Invalidating an address is never undone behind the agent's back: a correction says where to undo it.
            returnedAddressKept: letter.deliveryOutcome === 'UNKNOWN_ADDRESS' && c.deliveryOutcome !== undefined,
          },
        },
      })),
      { actorId: actor.membershipId },
    ),
  );
  await recordAudits(
    tx,
    actor,
    changes.map(({ letter, c }) => ({
      action: 'letter.tracking_recorded',
      entity: 'document',
      entityId: letter.id,
      details: { reference: letter.reference, ...c, source: origin.source, fileName: origin.fileName ?? null },
    })),
  );
  // A posting or presentation day recorded or corrected: the letter's deadline and the file's formal notice date
  // follow it (issue 14).
  const dated = changes.filter(({ c }) => c.sentOn !== undefined || c.firstPresentedOn !== undefined);
  await applyLetterDates(
    tx,
    actor.tenantId,
    dated.map(({ letter }) => letter.id),
  );
  const returned = changes.filter(({ c }) => c.deliveryOutcome === 'UNKNOWN_ADDRESS').map(({ letter }) => letter);
  if (returned.length > 0) await invalidateReturnedAddresses(tx, actor, returned, clock);
}

/**
 * One letter, by hand: a correction of a number, date or outcome already recorded is allowed here (a blank clears
 * it), and logged with the value it replaces.
 */
export async function recordRegisteredMail({
  actor,
  input,
  now = new Date(),
}: {
  actor: Actor;
  input: unknown;
  now?: Date;
}): Promise<RegisteredMailResult> {
  authorize(actor, 'files.work');
  const parsed = registeredMailEntrySchema.safeParse(input);
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.path[0] === 'documentId')) throw AppError.notFound();
    throw new RegisteredMailRefusal(
      parsed.error.issues.map((i) => {
        const values = (i as { params?: Record<string, string> }).params;
        return { field: i.path[0] as keyof Update, key: i.message, ...(values ? { values } : {}) };
      }),
    );
  }
  const { documentId, ...update } = parsed.data;
  return inTenant(scopeOf(actor), async (tx) => {
    const { timeZone, today } = await agencyClock(tx, actor.tenantId, now);
    const [letter] = await lockLetters(tx, actor.tenantId, timeZone, { ids: [documentId] });
    if (!letter || letter.id !== documentId || !letter.registered) throw AppError.notFound();
    const problems = check(letter, update, today, false);
    if (update.trackingNumber && update.trackingNumber !== letter.trackingNumber) {
      const [holder] = await lockLetters(tx, actor.tenantId, timeZone, { numbers: [update.trackingNumber] });
      if (holder) problems.push(issue('trackingNumber', 'numberTaken', { reference: holder.reference }));
    }
    if (problems.length > 0) throw new RegisteredMailRefusal(problems);
    const c = changesOf(letter, update);
    const changed = Object.keys(c).length > 0;
    if (changed) await write(tx, actor, [{ letter, c }], { kind: 'hand' }, { now, today });
    const after = { ...letter, ...c };
    return {
      documentId: letter.id,
      fileId: letter.fileId,
      trackingNumber: after.trackingNumber,
      sentOn: after.sentOn,
      firstPresentedOn: after.firstPresentedOn,
      acknowledgedOn: after.acknowledgedOn,
      deliveryOutcome: after.deliveryOutcome,
      changed,
    };
  });
}

// The mailing house's file --------------------------------------------------------------------------------

/** One line of the file as read: its row number in the spreadsheet and the text of the columns found. */
export interface TrackingLine {
  row: number;
  cells: Partial<Record<TrackingField, string>>;
}

/** A refused line: the row, the field, the file's own header for it, the problem as a catalogue key. */
export interface TrackingProblem extends RowIssue {
  row: number;
  field: TrackingField;
}

export type TrackingImportResult =
  | {
      status: 'recorded';
      rows: number;
      /** Letters with something new recorded (one timeline entry each). */
      recorded: number;
      /** Lines whose values were all recorded already (the same file again). */
      unchanged: number;
      /** Lines with nothing to record yet (a simple letter, or a registered one not posted yet). */
      empty: number;
    }
  | { status: 'refused'; rows: number; problems: TrackingProblem[]; more: number };

/** Problems listed on the page; a file wrong on every line says so after this many, with the count of the rest. */
const MAX_PROBLEMS = 500;

const FIELD_OF: Record<keyof Update, TrackingField> = {
  trackingNumber: 'trackingNumber',
  sentOn: 'sentOn',
  firstPresentedOn: 'firstPresentedOn',
  acknowledgedOn: 'acknowledgedOn',
  deliveryOutcome: 'outcome',
};

/**
 * The mailing house's file, already read into lines (lib/registered-mail/read-tracking-file.ts). All or nothing: every
 * line is validated, with the database and the clock, before anything is written; one bad line and nothing is
 * recorded, and the answer lists every bad line. A letter of another agency is unknown (tenant filter and RLS).
 */
export async function importRegisteredMail({
  actor,
  lines,
  labels = {},
  fileName,
  ip,
  now = new Date(),
}: {
  actor: Actor;
  lines: TrackingLine[];
  /** The file's header for each field, so problems name the column as the file does. */
  labels?: Partial<Record<TrackingField, string>>;
  fileName?: string;
  ip?: string;
  now?: Date;
}): Promise<TrackingImportResult> {
  authorize(actor, 'scenarios.manage');
  if (lines.length > MAX_TRACKING_ROWS)
    throw AppError.invalid({ file: ref('errors.registeredMail.tooManyLines', { max: MAX_TRACKING_ROWS }) });
  const problems: TrackingProblem[] = [];
  const add = (row: number, field: TrackingField, key: string, values?: Record<string, string>) => {
    const ref = { key, ...(values ? { values } : {}) };
    problems.push({ row, field, label: labels[field] ?? field, ...ref });
  };

  const parsed: { row: number; data: TrackingRow }[] = [];
  for (const line of lines) {
    const result = trackingRowSchema.safeParse(line.cells);
    if (result.success) parsed.push({ row: line.row, data: result.data });
    else
      for (const i of result.error.issues) {
        const params = (i as { params?: Record<string, string> }).params;
        add(line.row, (i.path[0] as TrackingField) ?? 'letterReference', i.message, params);
      }
  }
  const filled = parsed.filter(
    ({ data: r }) => r.trackingNumber || r.sentOn || r.firstPresentedOn || r.acknowledgedOn || r.outcome,
  );
  const empty = parsed.length - filled.length;

  return inTenant(scopeOf(actor), async (tx) => {
    const { timeZone, today } = await agencyClock(tx, actor.tenantId, now);
    const letters = await lockLetters(tx, actor.tenantId, timeZone, {
      references: filled.flatMap(({ data }) => (data.letterReference ? [data.letterReference] : [])),
      numbers: filled.flatMap(({ data }) => (data.trackingNumber ? [data.trackingNumber] : [])),
    });
    const byReference = new Map<string, Letter[]>();
    for (const l of letters) byReference.set(l.reference, [...(byReference.get(l.reference) ?? []), l]);
    const byNumber = new Map(letters.filter((l) => l.trackingNumber).map((l) => [l.trackingNumber!, l]));

    const planned = new Map<string, { row: number; letter: Letter; update: Update }>();
    const numberRow = new Map<string, { row: number; letterId: string }>();
    for (const { row, data } of filled) {
      let letter: Letter | undefined;
      if (data.letterReference) {
        let found = byReference.get(data.letterReference) ?? [];
        if (data.fileReference && found.length > 1) found = found.filter((l) => l.fileReference === data.fileReference);
        if (found.length === 0) {
          add(row, 'letterReference', 'tracking.unknownLetter', { reference: data.letterReference });
          continue;
        }
        if (found.length > 1) {
          add(row, 'letterReference', 'tracking.ambiguous', { reference: data.letterReference });
          continue;
        }
        letter = found[0]!;
        if (data.fileReference && data.fileReference !== letter.fileReference) {
          add(row, 'fileReference', 'tracking.otherFile', { file: letter.fileReference });
          continue;
        }
      } else {
        letter = byNumber.get(data.trackingNumber!);
        if (!letter) {
          add(row, 'trackingNumber', 'tracking.unknownNumber', { value: data.trackingNumber! });
          continue;
        }
      }
      if (!letter.registered) {
        add(row, 'letterReference', 'tracking.notRegistered', { reference: letter.reference });
        continue;
      }
      const update: Update = {
        ...(data.trackingNumber ? { trackingNumber: data.trackingNumber } : {}),
        ...(data.sentOn ? { sentOn: data.sentOn } : {}),
        ...(data.firstPresentedOn ? { firstPresentedOn: data.firstPresentedOn } : {}),
        ...(data.acknowledgedOn ? { acknowledgedOn: data.acknowledgedOn } : {}),
        ...(data.outcome ? { deliveryOutcome: data.outcome } : {}),
      };
      const earlier = planned.get(letter.id);
      if (earlier) {
        // The same line twice is harmless; two different lines for one letter cannot both be right.
        if (JSON.stringify(earlier.update) !== JSON.stringify(update))
          add(row, 'letterReference', 'tracking.conflictRow', { row: String(earlier.row) });
        continue;
      }
      if (data.trackingNumber) {
        const holder = byNumber.get(data.trackingNumber);
        const other = numberRow.get(data.trackingNumber);
        if (holder && holder.id !== letter.id) {
          add(row, 'trackingNumber', 'tracking.numberTaken', { reference: holder.reference });
          continue;
        }
        if (other && other.letterId !== letter.id) {
          add(row, 'trackingNumber', 'tracking.numberTwice', { row: String(other.row) });
          continue;
        }
        numberRow.set(data.trackingNumber, { row, letterId: letter.id });
      }
      const found = check(letter, update, today, true);
      for (const p of found) add(row, FIELD_OF[p.field], p.key, p.values);
      if (found.length === 0) planned.set(letter.id, { row, letter, update });
    }

    if (problems.length > 0) {
      problems.sort((a, b) => a.row - b.row);
      return {
        status: 'refused' as const,
        rows: lines.length,
        problems: problems.slice(0, MAX_PROBLEMS),
        more: Math.max(0, problems.length - MAX_PROBLEMS),
      };
    }
    const changes = [...planned.values()]
      .map(({ letter, update }) => ({ letter, c: changesOf(letter, update) }))
      .filter(({ c }) => Object.keys(c).length > 0);
    await write(tx, actor, changes, { kind: 'import', fileName }, { now, today });
    if (changes.length > 0)
      await recordAudit(tx, actor, {
        action: 'letter.tracking_imported',
        entity: 'document',
        ip,
        details: { fileName: fileName ?? null, rows: lines.length, recorded: changes.length },
      });
    return {
      status: 'recorded' as const,
      rows: lines.length,
      recorded: changes.length,
      unchanged: filled.length - changes.length,
      empty,
    };
  });
}
