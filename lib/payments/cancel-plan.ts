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
import { activePlanOf, endPlan } from './plan-progress';
import { cancelPlanSchema } from './schemas';

export interface CancelPlanOptions {
  actor: Actor;
  ip?: string;
  /** fileId, expectedVersion and reason, parsed by cancelPlanSchema. */
  [field: string]: unknown;
}

/**
 * Ends the file's active plan by agreement (renegotiation, a new arrangement): the file goes back to its
 * agent's queue. Payments already received stay where they were imputed.
 */
export async function cancelPlan({
  actor,
  ip,
  ...input
}: CancelPlanOptions): Promise<{ planId: string; status: FileStatus; fileVersion: number }> {
  authorize(actor, 'payments.record');
  const c = parseInput(cancelPlanSchema, input);
  const now = new Date();
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const file = await lockFile(tx, actor, c.fileId, c.expectedVersion, clock);
    const plan = await activePlanOf(tx, actor.tenantId, file.id);
    if (!plan) throw new AppError('CONFLICT', M.noActivePlan);
    // Interest frozen under the plan runs again from tomorrow.
    const interestResumesOn = await endPlan(tx, plan, 'CANCELLED', now, clock.today);
    // The file goes back to its agent when the plan was what it stood on.
    const { version: fileVersion } = await saveFile(
      tx,
      file,
      file.status === 'PAYMENT_PLAN' ? { status: 'IN_PROGRESS' } : {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: 'plan.cancelled',
            details: { planId: plan.id, reason: c.reason, ...(interestResumesOn ? { interestResumesOn } : {}) },
          },
        ],
        audit: { action: 'plan.cancelled', entity: 'payment_plan', entityId: plan.id, details: { reason: c.reason } },
      },
      now,
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { planId: plan.id, status: file.status, fileVersion };
  });
}
