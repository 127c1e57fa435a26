import { recordTimeline } from '../history/record';
import { isClosed } from '../cases/rules';
import type { FileStatus } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import type { GuardReason } from './guards';

/**
 * What a file event does to its running scenario, in the transaction of the use-case that recorded it:
 * - a payment that settles (or closes) the file stops the scenario at once, and so does a claim correction that
 *   leaves nothing owed (lib/activity/correct-claim.ts) and a closing decision (lib/closing);
 * - a dispute or a promise pauses it: the reason is set and goes on the timeline now, and the guards, which
 *   read the same facts before every step, postpone that step until the dispute is resolved or the promise
 *   falls due; when they let it run again the engine notes the automatic resume.
 * Use-cases call it after their own writes; the file row is already locked by them (file, then scenario).
 */
export type FileEvent = 'PAYMENT' | 'CORRECTION' | 'CLOSING' | 'DISPUTE' | 'PROMISE';

const STOPS: readonly FileEvent[] = ['PAYMENT', 'CORRECTION', 'CLOSING'];

const PAUSE_REASON: Record<Exclude<FileEvent, 'PAYMENT' | 'CORRECTION' | 'CLOSING'>, GuardReason> = {
  DISPUTE: 'DISPUTE_OPEN',
  PROMISE: 'PROMISE_PENDING',
};

export async function onFileEvent(
  tx: Tx,
  tenantId: string,
  fileId: string,
  event: FileEvent,
  now: Date = new Date(),
): Promise<'STOPPED' | 'PAUSED' | 'NONE'> {
  const [row] = await tx.$queryRaw<{ state: string; state_reason: string | null; status: FileStatus }[]>`
    SELECT fs.state::text, fs.state_reason, f.status
      FROM file_scenario fs JOIN case_file f ON f.tenant_id = fs.tenant_id AND f.id = fs.file_id
     WHERE fs.tenant_id = ${tenantId}::uuid AND fs.file_id = ${fileId}::uuid
       FOR UPDATE OF fs`;
  if (!row || row.state !== 'RUNNING') return 'NONE';
  if (STOPS.includes(event)) {
    if (!isClosed(row.status)) return 'NONE';
    const reason: GuardReason = row.status === 'PAID' ? 'PAID' : 'FILE_CLOSED';
    await tx.$executeRaw`
      UPDATE file_scenario SET state = 'STOPPED', state_reason = ${reason}, next_run_at = NULL, enqueued_at = NULL,
             updated_at = ${now}
       WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid`;
    await recordTimeline(
      tx,
      { tenantId, fileId, actorId: null, at: now },
      { kind: 'scenario.stopped', details: { reason, event } },
    );
    return 'STOPPED';
  }
  const reason = PAUSE_REASON[event as keyof typeof PAUSE_REASON];
  if (row.state_reason === reason) return 'PAUSED';
  await tx.$executeRaw`
    UPDATE file_scenario SET state_reason = ${reason}, updated_at = ${now}
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid`;
  await recordTimeline(
    tx,
    { tenantId, fileId, actorId: null, at: now },
    { kind: 'scenario.paused', details: { reason, event } },
  );
  return 'PAUSED';
}
