import type { FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { agencyClock } from '../dates/agency-clock';
import { lockFile, saveFile } from '../cases/file-store';
import { PAYMENT_MESSAGES as M } from './messages';
import { withdrawPlanSchema } from './schemas';

export interface WithdrawPlanOptions {
  actor: Actor;
  ip?: string;
  /** fileId, expectedVersion, planId and reason, parsed by withdrawPlanSchema. */
  [field: string]: unknown;
}

/**
 * An agent withdraws a plan still awaiting the creditor's approval (the debtor changed its mind, or a better
 * arrangement was found): the plan ends CANCELLED, the creditor no longer sees it to decide, and the file's
 * scenario no longer waits for it (guard PLAN_AWAITING_APPROVAL). Once the creditor has decided, the plan is no
 * longer the agent's to withdraw: an accepted plan is cancelled as any plan in force (lib/payments/cancel-plan.ts),
 * a refused one is over. The debtor's agreement stays an acknowledgment of the debt (C. civ. 2240): the limitation
 * event it recorded is kept.
 */
export async function withdrawPlan({
  actor,
  ip,
  ...input
}: WithdrawPlanOptions): Promise<{ planId: string; status: FileStatus; fileVersion: number }> {
  authorize(actor, 'payments.record');
  const w = parseInput(withdrawPlanSchema, input);
  const now = new Date();
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const file = await lockFile(tx, actor, w.fileId, w.expectedVersion, clock);
    // Read under the file's lock: the creditor's decision takes the same lock (lib/payments/decide-plan.ts).
    const plan = await tx.paymentPlan.findFirst({
      where: { tenantId: actor.tenantId, id: w.planId, fileId: file.id },
      select: { id: true, status: true },
    });
    if (!plan) throw AppError.notFound();
    if (plan.status !== 'AWAITING_APPROVAL') throw new AppError('CONFLICT', M.planDecided);
    await tx.paymentPlan.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: plan.id } },
      data: { status: 'CANCELLED', endedAt: now },
    });
    const { version: fileVersion } = await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [{ kind: 'plan.withdrawn', details: { planId: plan.id, reason: w.reason } }],
        audit: { action: 'plan.withdrawn', entity: 'payment_plan', entityId: plan.id, details: { reason: w.reason } },
      },
      now,
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { planId: plan.id, status: file.status, fileVersion };
  });
}
