import { STATUS_PHASE, isClosed } from '../cases/rules';
import type { ClaimNature, FilePhase, FileStatus } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { timelineRenderer } from '../history/render';
import type { Actor } from '../tenancy/actor';
import { statusPath } from './rules';
import { AUTOMATIC_JOB, staleFileMessage } from './stale-file';
import type { AgencyClock } from '../dates/agency-clock';

// Optimistic locking on case_file, shared by every use-case that changes a file: lock the row, compare the
// version the agent read, bump it. Two agents who read the same version cannot both pass the check.

export interface LockedFile {
  id: string;
  reference: string;
  creditorId: string;
  debtorId: string;
  assigneeId: string | null;
  status: FileStatus;
  phase: FilePhase;
  nature: ClaimNature;
  version: number;
}

type Scope = Pick<Actor, 'tenantId' | 'creditorId'>;

async function selectForUpdate(tx: Tx, scope: Scope, where: { ids?: string[]; debtorId?: string }) {
  const ids = where.ids ?? null;
  const debtorId = where.debtorId ?? null;
  // Ordered by id so that use-cases locking several files always take the locks in the same order.
  return tx.$queryRaw<LockedFile[]>`
    SELECT id, reference, creditor_id AS "creditorId", debtor_id AS "debtorId", assignee_id AS "assigneeId",
           status, phase, nature, version
      FROM case_file
     WHERE tenant_id = ${scope.tenantId}::uuid
       AND (${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[]))
       AND (${debtorId}::uuid IS NULL OR debtor_id = ${debtorId}::uuid)
       AND (${scope.creditorId ?? null}::uuid IS NULL OR creditor_id = ${scope.creditorId ?? null}::uuid)
     ORDER BY id
       FOR UPDATE`;
}

/**
 * Locks the file and checks it is still at the version the agent read. Another agency's or creditor's file is
 * not found; a stale version is a CONFLICT naming the last change, so the agent knows what to reload for.
 */
export async function lockFile(
  tx: Tx,
  actor: Scope,
  fileId: string,
  expectedVersion: number,
  clock: AgencyClock,
): Promise<LockedFile> {
  const [file] = await selectForUpdate(tx, actor, { ids: [fileId] });
  if (!file) throw AppError.notFound('File');
  await checkVersion(tx, actor.tenantId, file, expectedVersion, clock);
  return file;
}

/** For a file locked with others: the same stale-version CONFLICT as lockFile. */
export async function checkVersion(
  tx: Tx,
  tenantId: string,
  file: LockedFile,
  expectedVersion: number,
  clock: Pick<AgencyClock, 'timeZone'>,
): Promise<void> {
  if (file.version !== expectedVersion) throw await staleFile(tx, tenantId, file, expectedVersion, clock);
}

/** Every file of a debtor, locked in id order (company events touch them all). */
export async function lockDebtorFiles(tx: Tx, actor: Scope, debtorId: string): Promise<LockedFile[]> {
  return selectForUpdate(tx, actor, { debtorId });
}

/** Locks files by id for work without an agent's read version (nightly jobs). */
export async function lockFilesById(tx: Tx, tenantId: string, ids: string[]): Promise<LockedFile[]> {
  return selectForUpdate(tx, { tenantId, creditorId: null }, { ids });
}

async function staleFile(
  tx: Tx,
  tenantId: string,
  file: LockedFile,
  expected: number,
  clock: Pick<AgencyClock, 'timeZone'>,
): Promise<AppError> {
  const [last] = await tx.$queryRaw<{ kind: string; details: unknown; occurredAt: Date; name: string | null }[]>`
    SELECT a.kind, a.details, a.occurred_at AS "occurredAt", i.name
      FROM activity a
      LEFT JOIN membership m ON m.tenant_id = a.tenant_id AND m.id = a.actor_id
      LEFT JOIN identity i ON i.id = m.identity_id
     WHERE a.tenant_id = ${tenantId}::uuid AND a.file_id = ${file.id}::uuid
     ORDER BY a.occurred_at DESC
     LIMIT 1`;
  const change = last && {
    who: last.name ?? AUTOMATIC_JOB,
    at: new Intl.DateTimeFormat('fr-FR', { timeZone: clock.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
      last.occurredAt,
    ),
    what: timelineRenderer('en', clock.timeZone)(last),
  };
  return new AppError('CONFLICT', staleFileMessage(file.reference, file.version, expected, change ?? null));
}

export interface FileChange {
  status?: FileStatus;
  lastContactAt?: Date;
}

/**
 * Moves the file to its next version, through the state machine of lib/cases/rules.ts for a status change
 * (a new file may pass through IN_PROGRESS on the way, see statusPath).
 * Returns the new version, which the agent's screen sends back with its next change.
 */
export async function saveFile(tx: Tx, tenantId: string, file: LockedFile, change: FileChange = {}): Promise<number> {
  const status = change.status ?? file.status;
  if (statusPath(file.status, status) === null) {
    throw new AppError('CONFLICT', `File ${file.reference} cannot go from ${file.status} to ${status}`);
  }
  const now = new Date();
  const updated = await tx.caseFile.update({
    where: { tenantId_id: { tenantId, id: file.id } },
    data: {
      version: { increment: 1 },
      updatedAt: now,
      ...(status !== file.status
        ? { status, phase: STATUS_PHASE[status], ...(isClosed(status) ? { closedAt: now } : {}) }
        : {}),
      ...(change.lastContactAt ? { lastContactAt: change.lastContactAt } : {}),
    },
    select: { version: true },
  });
  file.status = status;
  file.phase = STATUS_PHASE[status];
  file.version = updated.version;
  return updated.version;
}

/** Input that parsed but does not fit the file as it stands: INVALID naming the field, like a schema error. */
export function refuse(field: string, message: string): AppError {
  return AppError.invalid(`Invalid input — ${field}: ${message}`, { [field]: message });
}
