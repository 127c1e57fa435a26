import { lockFile, saveFile, transitionRefusal } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError, codeRef } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { reopenReasonsFor, reopenRefusal, type ClosingReason } from './rules';
import { CLOSING_MESSAGES, CLOSING_MESSAGES as M, reopenFileSchema } from './schemas';

export interface ReopenFileResult {
  fileId: string;
  reopeningId: string;
  version: number;
  status: string;
}

/**
 * Takes a closed file back to work (IN_PROGRESS) with its reason — a new payment, the debtor found again — and its
 * history whole: the closing stays on record, the reopening is a record of its own and a line on the timeline. The
 * scenario does not restart by itself: the agent works the file, or assigns a scenario again.
 */
export async function reopenFile({
  actor,
  input,
  ip,
  now = new Date(),
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  now?: Date;
}): Promise<ReopenFileResult> {
  authorize(actor, 'files.work');
  const { fileId, expectedVersion, reason, note } = parseInput(reopenFileSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const file = await lockFile(tx, actor, fileId, expectedVersion, clock);
    const refusal = reopenRefusal(file.status);
    const key = refusal && CLOSING_MESSAGES[refusal as keyof typeof CLOSING_MESSAGES];
    if (typeof key === 'string') throw new AppError('CONFLICT', { key, values: { reference: file.reference } });
    if (refusal) throw transitionRefusal(file, 'IN_PROGRESS') ?? new AppError('CONFLICT', codeRef('CONFLICT'));
    const statusFrom = file.status;
    const [last] = await tx.$queryRaw<{ id: string; reason: ClosingReason }[]>`
      SELECT id::text, reason FROM file_closing WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid
         AND status = 'CLOSED' ORDER BY decided_at DESC LIMIT 1`;
    // The reason must undo the closing's: a file closed untraceable reopens when its debtor is found, not on assets.
    if (!reopenReasonsFor(last?.reason ?? null).includes(reason))
      throw AppError.invalid({ reason: M.reopenReasonNotFit });
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO file_reopening (tenant_id, file_id, closing_id, reason, note, status_from, reopened_by, reopened_at)
      VALUES (${actor.tenantId}::uuid, ${file.id}::uuid, ${last?.id ?? null}::uuid, ${reason}, ${note},
              ${statusFrom}::"FileStatus", ${actor.membershipId}::uuid, ${now})
      RETURNING id::text`;
    const { version } = await saveFile(
      tx,
      file,
      { status: 'IN_PROGRESS' },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          { kind: 'file.reopened', details: { reason, statusFrom, note, reopeningId: row!.id } },
          { kind: 'file.status_changed', details: { statusFrom, statusTo: 'IN_PROGRESS' } },
        ],
        audit: { action: 'file.reopened', entity: 'file_reopening', entityId: row!.id, details: { reason } },
      },
      now,
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, reopeningId: row!.id, version, status: file.status };
  });
}
