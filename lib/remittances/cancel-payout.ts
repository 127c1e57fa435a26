import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { lockRun } from './approve-payout';
import { REMITTANCE_MESSAGES as M } from './messages';
import { canCancel } from './rules';
import { runIdSchema } from './schemas';

/**
 * A run not yet approved is dropped: nothing was posted nor paid, and its payments (or the file's credit) go back
 * to what the next run will propose. An approved run is history; a transfer the bank refused comes back as a credit.
 */
export async function cancelPayout({ actor, ip, ...input }: { actor: Actor; ip?: string; [k: string]: unknown }) {
  authorize(actor, 'payouts.manage');
  const { runId } = parseInput(runIdSchema, input);
  await inTenant(scopeOf(actor), async (tx) => {
    const run = await lockRun(tx, actor.tenantId, runId);
    if (!canCancel(run.status)) throw AppError.refused('CONFLICT', M.notPending);
    await tx.$executeRaw`
      UPDATE payout_run SET status = 'CANCELLED', cancelled_by = ${personOf(actor)}::uuid, cancelled_at = now()
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${run.id}::uuid`;
    await tx.$executeRaw`
      UPDATE payout_item SET active = false WHERE tenant_id = ${actor.tenantId}::uuid AND run_id = ${run.id}::uuid`;
    await tx.$executeRaw`
      UPDATE payout_transfer SET pending = false WHERE tenant_id = ${actor.tenantId}::uuid AND run_id = ${run.id}::uuid`;
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'payout.cancelled',
        entity: 'payout_run',
        entityId: run.id,
        ...(ip ? { ip } : {}),
        details: { kind: run.kind, number: run.number },
      },
    );
  });
  return { runId, status: 'CANCELLED' as const };
}
