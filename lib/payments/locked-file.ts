import { canTransition, isClosed, STATUS_PHASE } from '../cases/rules';
import type { CaseFile } from '../db/generated/client';
import type { FileStatus } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { Actor } from '../tenancy/actor';

// What every money use-case does with the file it changes: lock it, check the version the user read (with
// lib/activity/file-lock's checkVersion, whose CONFLICT names who changed the file), and write its new state
// with the version moved on.

/**
 * Locks the file row for this transaction, then reads it within what the actor may see. The lock comes
 * first so two users who read the same version queue up here, and the second one sees the new version.
 * Another agency's (or creditor's) file is simply not found.
 */
export async function lockFile(
  tx: Tx,
  scope: Pick<Actor, 'tenantId' | 'creditorId'>,
  fileId: string,
): Promise<CaseFile> {
  await tx.$queryRaw`SELECT 1 FROM case_file WHERE tenant_id = ${scope.tenantId}::uuid AND id = ${fileId}::uuid
                       FOR UPDATE`;
  const file = await tx.caseFile.findFirst({
    where: { tenantId: scope.tenantId, id: fileId, ...(scope.creditorId ? { creditorId: scope.creditorId } : {}) },
  });
  if (!file) throw AppError.notFound('File');
  return file;
}

/**
 * The columns a status change writes, following the state machine of lib/cases/rules.ts; null when the
 * machine does not allow it (the caller decides whether that is an error or nothing to do).
 */
export function statusChange(
  from: FileStatus,
  to: FileStatus,
  now: Date,
): { status: FileStatus; phase: CaseFile['phase']; closedAt: Date | null } | null {
  if (from === to || !canTransition(from, to)) return null;
  return { status: to, phase: STATUS_PHASE[to], closedAt: isClosed(to) ? now : null };
}

/** Writes the file's new state and moves its version on; returns the new version. */
export async function saveFile(
  tx: Tx,
  file: Pick<CaseFile, 'tenantId' | 'id' | 'version'>,
  data: Partial<Pick<CaseFile, 'status' | 'phase' | 'closedAt' | 'collectedCents' | 'creditCents'>>,
  now: Date,
): Promise<number> {
  const saved = await tx.caseFile.update({
    where: { tenantId_id: { tenantId: file.tenantId, id: file.id } },
    data: { ...data, version: { increment: 1 }, updatedAt: now },
    select: { version: true },
  });
  return saved.version;
}
