import type { ClaimNature, FilePhase, FileStatus } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import type { AgencyClock } from '../dates/agency-clock';
import { recordAudits, type AuditDetails } from '../audit/record-audit';
import { AppError, type ErrorRef, type Localised } from '../errors/app-error';
import { renderErrorRef } from '../errors/describe';
import { timelineRenderer, type StoredLine } from '../history/render';
import { formatterFor } from '../i18n/formatter';
import { LOCALES, type Locale } from '../i18n/locales';
import type { TimelineEntry } from '../history/kinds';
import type { FileClosedOutcome } from '../judicial-codes/codes';
import { recordTimelineLines } from '../history/record';
import type { Actor } from '../tenancy/actor';
import { endCourtProcedures } from './end-court-procedures';
import { ClosingRecordMissing, recordFileClosing, type FileClosingRecord } from './file-closing';
import { STATUS_PHASE, isClosed } from './rules';
import { statusesMovingTo, transition } from './transitions';

// The one place a file's row changes its status, phase or version (a static test keeps it so). Every use-case
// that changes a file locks it here, checks the version its user read, and saves through saveFile, which moves
// the status through the transition table (./transitions) and bumps the version; the line that goes on the
// file's timeline and the audit entry go with it (FileEvent). Two users who read the same version cannot both pass
// the check. saveFile also writes what the change records, the file's timeline lines and the audit entry, in the
// same transaction: a change cannot be saved without its history. Written on tagged raw SQL, so it runs on a Prisma transaction and on the scenario engine's plain pg
// connection alike (lib/db/raw.ts).

export interface LockedFile {
  tenantId: string;
  id: string;
  reference: string;
  creditorId: string;
  debtorId: string;
  assigneeId: string | null;
  status: FileStatus;
  phase: FilePhase;
  nature: ClaimNature;
  currency: string;
  placedAt: Date;
  /** The day a formal notice was sent (it starts legal interest for consumers), YYYY-MM-DD. */
  formalNoticeOn: string | null;
  version: number;
}

type Scope = Pick<Actor, 'tenantId' | 'creditorId'>;

async function selectForUpdate(tx: RawTx, scope: Scope, where: { ids?: string[]; debtorId?: string }) {
  const ids = where.ids ?? null;
  const debtorId = where.debtorId ?? null;
  const creditorId = scope.creditorId ?? null;
  // Ordered by id so that use-cases locking several files always take the locks in the same order.
  return tx.$queryRaw<LockedFile[]>`
    SELECT tenant_id::text AS "tenantId", id::text, reference, creditor_id::text AS "creditorId",
           debtor_id::text AS "debtorId", assignee_id::text AS "assigneeId", status::text, phase::text, nature::text,
           currency, placed_at AS "placedAt", formal_notice_on::text AS "formalNoticeOn", version
      FROM case_file
     WHERE tenant_id = ${scope.tenantId}::uuid
       AND (${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[]))
       AND (${debtorId}::uuid IS NULL OR debtor_id = ${debtorId}::uuid)
       AND (${creditorId}::uuid IS NULL OR creditor_id = ${creditorId}::uuid)
     ORDER BY id
       FOR UPDATE`;
}

/**
 * Locks the file and, when the user read it, checks it is still at the version they read (no version for work
 * no one read the file for: a job, or a change reached through another record). Another agency's or creditor's
 * file is not found; a stale version is a CONFLICT naming the last change, so the user knows what to reload for.
 */
export async function lockFile(tx: RawTx, scope: Scope, fileId: string): Promise<LockedFile>;
export async function lockFile(
  tx: RawTx,
  scope: Scope,
  fileId: string,
  expectedVersion: number,
  clock: Pick<AgencyClock, 'timeZone'>,
): Promise<LockedFile>;
export async function lockFile(
  tx: RawTx,
  scope: Scope,
  fileId: string,
  expectedVersion?: number,
  clock?: Pick<AgencyClock, 'timeZone'>,
): Promise<LockedFile> {
  const [file] = await selectForUpdate(tx, scope, { ids: [fileId] });
  if (!file) throw AppError.notFound();
  if (expectedVersion !== undefined) await checkVersion(tx, file, expectedVersion, clock!);
  return file;
}

/** For a file locked with others: the same stale-version CONFLICT as lockFile. */
export async function checkVersion(
  tx: RawTx,
  file: LockedFile,
  expectedVersion: number,
  clock: Pick<AgencyClock, 'timeZone'>,
): Promise<void> {
  if (file.version !== expectedVersion) throw await staleFile(tx, file, expectedVersion, clock);
}

/** Every file of a debtor, locked in id order (company events touch them all). */
export async function lockDebtorFiles(tx: RawTx, scope: Scope, debtorId: string): Promise<LockedFile[]> {
  return selectForUpdate(tx, scope, { debtorId });
}

/** Locks files by id for work without a user's read version (nightly jobs). */
export async function lockFilesById(tx: RawTx, tenantId: string, ids: string[]): Promise<LockedFile[]> {
  return selectForUpdate(tx, { tenantId, creditorId: null }, { ids });
}

async function staleFile(
  tx: RawTx,
  file: LockedFile,
  expected: number,
  clock: Pick<AgencyClock, 'timeZone'>,
): Promise<AppError> {
  const [last] = await tx.$queryRaw<{ kind: string; details: unknown; occurredAt: Date; name: string | null }[]>`
    SELECT a.kind, a.details, a.occurred_at AS "occurredAt", i.name
      FROM activity a
      LEFT JOIN membership m ON m.tenant_id = a.tenant_id AND m.id = a.actor_id
      LEFT JOIN identity i ON i.id = m.identity_id
     WHERE a.tenant_id = ${file.tenantId}::uuid AND a.file_id = ${file.id}::uuid
     ORDER BY a.occurred_at DESC
     LIMIT 1`;
  return new AppError('CONFLICT', staleFileRef(file, expected, clock.timeZone, last ?? null));
}

const inEvery = (write: (locale: Locale) => string): Localised =>
  Object.fromEntries(LOCALES.map((l) => [l, write(l)])) as Localised;

/**
 * The refusal as a reference: who changed the file, when and what, each written in every language here, since
 * only the lock has the history line to render (lib/cases/stale-file.ts tells a screen it is this refusal).
 */
function staleFileRef(
  file: { reference: string; version: number },
  expected: number,
  timeZone: string,
  last: (StoredLine & { occurredAt: Date; name: string | null }) | null,
): ErrorRef {
  const values = { reference: file.reference, version: file.version, expected };
  if (!last) return { key: 'errors.stale.reload', values };
  return {
    key: 'errors.stale.changed',
    values: {
      ...values,
      who: last.name ?? inEvery((l) => renderErrorRef({ key: 'errors.stale.automatic' }, l)),
      at: inEvery((l) =>
        formatterFor(l, timeZone).dateTime(last.occurredAt, { dateStyle: 'short', timeStyle: 'short' }),
      ),
      what: inEvery((l) => timelineRenderer(l, timeZone)(last)),
    },
  };
}

export interface FileChange {
  /** Where the file should stand; the transition table decides whether it may (a refusal is a CONFLICT). */
  status?: FileStatus;
  lastContactAt?: Date;
  /** Money imputed to the debt, and kept as the debtor's credit, since the last save (negative on a reversal). */
  collectedCentsDelta?: number;
  creditCentsDelta?: number;
}

/** The transition table's refusal of `file` → `to` as the CONFLICT people read, or null when the move is allowed. */
export function transitionRefusal(file: Pick<LockedFile, 'reference' | 'status'>, to: FileStatus): AppError | null {
  const move = transition(file.status, to);
  if (move.kind !== 'REFUSED') return null;
  const status = (s: FileStatus) => inEvery((l) => renderErrorRef({ key: `status.${s}` }, l));
  return new AppError('CONFLICT', {
    key: `errors.transition.${move.reason}`,
    values: { reference: file.reference, from: status(file.status), to: status(to) },
  });
}

/**
 * What a change to a file records: its timeline lines (in order) and, for what someone asked for, the audit entry.
 * The store adds to the entry the file, the first line, the status and the version it saved.
 */
export interface FileEvent {
  /**
   * The staff member and the address they came from; null for a job (no actor, no address). A debtor acting on
   * their page has an address and no membership.
   */
  by: { membershipId: string | null; ip?: string | undefined } | null;
  lines: readonly TimelineEntry[];
  /** The audit entry, or one per record the change settled (a job settling several promises of a file). */
  audit?: FileAudit | readonly FileAudit[];
  /** Required when the change closes the file: its closing decision, or the reason the store records (./file-closing). */
  closing?: FileClosingRecord | undefined;
}

export interface FileAudit {
  action: string;
  /** The record is the file unless this names another (a payment, a promise). */
  entity?: string;
  entityId?: string;
  details?: AuditDetails;
  /** Which of the event's lines it records (its id goes in the entry); the first by default. */
  line?: number;
}

export interface SavedFile {
  /** The file's new version, which the user's screen sends back with its next change. */
  version: number;
  /** The ids of the lines written, in the order given. */
  activityIds: string[];
  /** The closing row, when the change closed the file. */
  closingId: string | null;
}

const isClosedStatus = (s: FileStatus): s is FileStatus & FileClosedOutcome => isClosed(s);

/**
 * Moves a locked file to its next version: status and phase through the transition table (closing stamps
 * closed_at, reopening clears it), the other columns as given; then writes the event's lines and audit entry.
 * A file that closes leaves its closing row (./file-closing: refused without one) and ends its running court
 * procedure here, whatever path closed it (./end-court-procedures). `file` is updated in place. `now` (a job's clock) dates the change and its lines; by default the database's.
 */
export async function saveFile(
  tx: RawTx,
  file: LockedFile,
  change: FileChange,
  event: FileEvent,
  now?: Date,
): Promise<SavedFile> {
  const status = change.status ?? file.status;
  const statusFrom = file.status;
  const refused = transitionRefusal(file, status);
  if (refused) throw refused;
  const moves = status !== file.status;
  const at = now ?? new Date();
  const [saved] = await tx.$queryRaw<{ version: number }[]>`
    UPDATE case_file
       SET version = version + 1, updated_at = ${at}::timestamptz,
           status = ${status}::"FileStatus", phase = ${STATUS_PHASE[status]}::"FilePhase",
           closed_at = CASE WHEN ${moves}::boolean THEN ${isClosed(status) ? at : null}::timestamptz ELSE closed_at END,
           last_contact_at = coalesce(${change.lastContactAt ?? null}::timestamptz, last_contact_at),
           collected_cents = collected_cents + ${String(change.collectedCentsDelta ?? 0)}::bigint,
           credit_cents = credit_cents + ${String(change.creditCentsDelta ?? 0)}::bigint
     WHERE tenant_id = ${file.tenantId}::uuid AND id = ${file.id}::uuid
    RETURNING version`;
  if (!saved) throw AppError.notFound();
  file.status = status;
  file.phase = STATUS_PHASE[status];
  file.version = saved.version;

  const actorId = event.by?.membershipId ?? null;
  let closingId: string | null = null;
  if (moves && isClosedStatus(status)) {
    closingId = await recordFileClosing(tx, file, { record: event.closing, statusFrom, at, by: actorId });
    await endCourtProcedures(tx, file.tenantId, [file.id], status, at, actorId);
  }
  const activityIds = await recordTimelineLines(
    tx,
    { tenantId: file.tenantId, fileId: file.id, actorId, ...(now ? { at: now } : {}) },
    event.lines,
  );
  const audits = event.audit === undefined ? [] : Array.isArray(event.audit) ? event.audit : [event.audit as FileAudit];
  await recordAudits(
    tx,
    { tenantId: file.tenantId, membershipId: actorId },
    audits.map(({ action, entity = 'case_file', entityId = file.id, details, line = 0 }) => ({
      action,
      entity,
      entityId,
      ...(event.by?.ip ? { ip: event.by.ip } : {}),
      details: {
        ...details,
        ...(entity === 'case_file' ? {} : { fileId: file.id }),
        activityId: activityIds[line] ?? null,
        ...(moves ? { statusFrom } : {}),
        status,
        version: saved.version,
      },
    })),
  );
  return { version: saved.version, activityIds, closingId };
}

/**
 * The set-based path, for batches and the scenario engine: moves every file of `ids` whose status may move to
 * `to` (optionally only from `from`) in one statement, through the same table; bumps their versions. Files the
 * table does not let move are left as they are. Returns the ids moved. Not for closing: a closed file needs its
 * closing row, which a set of files moved in one statement has no decision for (saveFile, one file at a time).
 */
export async function moveFiles(
  tx: RawTx,
  tenantId: string,
  ids: readonly string[],
  to: FileStatus,
  { from, now = new Date() }: { from?: readonly FileStatus[]; now?: Date } = {},
): Promise<string[]> {
  if (isClosed(to)) throw new ClosingRecordMissing(ids.join(','), to);
  const movable = statusesMovingTo(to).filter((s) => !from || from.includes(s));
  if (ids.length === 0 || movable.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE case_file
       SET status = ${to}::"FileStatus", phase = ${STATUS_PHASE[to]}::"FilePhase", version = version + 1,
           updated_at = ${now}::timestamptz, closed_at = ${isClosed(to) ? now : null}::timestamptz
     WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[]) AND status = ANY(${movable}::"FileStatus"[])
    RETURNING id::text`;
  return rows.map((r) => r.id);
}

/** A change to a file that is not about its status (a formal notice sent): the version moves on all the same. */
export async function stampFormalNotice(tx: RawTx, tenantId: string, fileId: string, on: string): Promise<boolean> {
  const written = await tx.$executeRaw`
    UPDATE case_file SET formal_notice_on = ${on}::date, version = version + 1, updated_at = now()
     WHERE tenant_id = ${tenantId}::uuid AND id = ${fileId}::uuid AND formal_notice_on IS NULL`;
  return written > 0;
}

/**
 * The formal notice's date is the day the file's first formal notice took effect: its first presentation when La
 * Poste's tracking gives it, else its posting (issue 14). Called whenever a notice's posting or presentation is
 * recorded or corrected; a file whose first notice is not posted yet keeps what it has. Returns the files changed.
 */
export async function formalNoticeFromLetters(
  tx: RawTx,
  tenantId: string,
  fileIds: readonly string[],
): Promise<{ id: string; formalNoticeOn: string }[]> {
  if (fileIds.length === 0) return [];
  return tx.$queryRaw<{ id: string; formalNoticeOn: string }[]>`
    UPDATE case_file f SET formal_notice_on = n.effective_on, version = f.version + 1, updated_at = now()
      FROM (SELECT DISTINCT ON (file_id) file_id, coalesce(first_presented_on, sent_on) AS effective_on
              FROM document
             WHERE tenant_id = ${tenantId}::uuid AND file_id = ANY(${fileIds}::uuid[]) AND kind = 'FORMAL_NOTICE'
             ORDER BY file_id, created_at, id) n
     WHERE f.tenant_id = ${tenantId}::uuid AND f.id = n.file_id AND n.effective_on IS NOT NULL
       AND f.formal_notice_on IS DISTINCT FROM n.effective_on
    RETURNING f.id::text, f.formal_notice_on::text AS "formalNoticeOn"`;
}

/**
 * A message went out on its own (the outbox, after the step that wrote it): the file's last contact moves on,
 * not its version, since nobody's screen holds a read this would make stale.
 */
export async function stampLastContact(tx: RawTx, tenantId: string, fileId: string, at: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE case_file SET last_contact_at = greatest(coalesce(last_contact_at, ${at}), ${at})
     WHERE tenant_id = ${tenantId}::uuid AND id = ${fileId}::uuid`;
}

/** Input that parsed but does not fit the file as it stands: INVALID naming the field, like a schema error. */
export function refuse(field: string, reason: ErrorRef | string): AppError {
  return AppError.invalid({ [field]: reason });
}

/**
 * A file's limitation date is the latest of its claims' (lib/cases/claim-limitation.ts): the day the whole file is
 * time-barred. Not a status: the version does not move, nobody's read of the file is made stale by it.
 */
export async function refreshFileLimitation(tx: RawTx, tenantId: string, fileIds: readonly string[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE case_file f SET limitation_on = CASE WHEN t.suspended THEN NULL ELSE t.last_on END
      FROM (SELECT c.file_id, max(c.limitation_on) AS last_on,
                   bool_or(c.limitation_on IS NULL) AS suspended
              FROM claim c
             WHERE c.tenant_id = ${tenantId}::uuid AND c.file_id = ANY(${[...fileIds]}::uuid[])
               -- A cancelled claim (lib/activity/correct-claim.ts) is owed by nobody: it limits nothing.
               AND c.cancelled_at IS NULL
             GROUP BY c.file_id) t
     WHERE f.tenant_id = ${tenantId}::uuid AND f.id = t.file_id
       AND f.limitation_on IS DISTINCT FROM (CASE WHEN t.suspended THEN NULL ELSE t.last_on END)`;
}
