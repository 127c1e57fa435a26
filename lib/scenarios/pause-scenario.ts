import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { recordTimeline } from '../history/record';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { pauseScenarioSchema } from './schemas';

export interface PauseScenarioOptions {
  actor: Actor;
  input: unknown;
  now?: Date;
  ip?: string;
}

/**
 * An agent or manager pauses a file's scenario by hand (a negotiation under way, a call to wait for). The
 * sweep ignores a paused row; its step position is kept for the resume. The reason goes on the timeline.
 */
export async function pauseScenario({
  actor,
  input,
  now = new Date(),
  ip,
}: PauseScenarioOptions): Promise<{ fileId: string }> {
  authorize(actor, 'files.work');
  const { fileId, reason } = parseInput(pauseScenarioSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM case_file WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${fileId}::uuid FOR UPDATE`;
    const rows = await tx.$queryRaw<{ state: string }[]>`
      SELECT state::text FROM file_scenario WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${fileId}::uuid FOR UPDATE`;
    const file = await tx.caseFile.findFirst({ where: { tenantId: actor.tenantId, id: fileId }, select: { id: true } });
    if (!file) throw AppError.notFound();
    if (rows[0]?.state !== 'RUNNING') throw new AppError('CONFLICT', 'errors.scenarios.notRunning');
    await tx.$executeRaw`
      UPDATE file_scenario SET state = 'PAUSED', state_reason = ${`MANUAL: ${reason}`}, enqueued_at = NULL, updated_at = ${now}
       WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${fileId}::uuid`;
    await recordTimeline(
      tx,
      { tenantId: actor.tenantId, fileId, actorId: actor.membershipId, at: now },
      { kind: 'scenario.paused', details: { note: reason } },
    );
    await recordAudit(tx, actor, {
      action: 'scenario.paused',
      entity: 'case_file',
      entityId: fileId,
      ip,
      details: { reason },
    });
    return { fileId };
  });
}
