import type { FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { agencyClock } from '../dates/agency-clock';
import { dayIn } from '../dates/days';
import { lockFile, saveFile } from '../cases/file-store';
import { canReach } from '../cases/transitions';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import { sendPlanMails } from './create-plan';
import { openWaiver } from './interest-waivers';
import { issueDecidedPlanLetter } from './issue-plan-letter';
import { PAYMENT_MESSAGES as M } from './messages';
import { mandatePlanTerms } from './plan-terms';
import { decidePlanSchema } from './schemas';
import { logger } from '../log/logger';

export interface DecidePlanOptions {
  actor: Actor;
  ip?: string;
  /** planId, decision (ACCEPT or REFUSE) and an optional note, parsed by decidePlanSchema. */
  [field: string]: unknown;
}

/**
 * The creditor accepts or refuses a plan that went beyond its mandate's limits (CPCE R124-5). Accepted, the
 * plan is in force as it was agreed with the debtor — its schedule unchanged, interest frozen from the day
 * after that agreement when the mandate freezes it, on the creditor's own consent — the file moves to
 * PAYMENT_PLAN and the plan's letter goes to the debtor. Refused, the plan ends and the file's scenario resumes.
 * A creditor user reaches only the plans of its own files: any other id is not found.
 */
export async function decidePlan({
  actor,
  ip,
  ...input
}: DecidePlanOptions): Promise<{ planId: string; planStatus: 'ACTIVE' | 'REFUSED'; status: FileStatus }> {
  authorize(actor, 'plans.decide');
  const d = parseInput(decidePlanSchema, input);
  const now = new Date();
  const decided = await inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const found = await tx.paymentPlan.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: d.planId,
        ...(actor.creditorId ? { file: { creditorId: actor.creditorId } } : {}),
      },
      select: { fileId: true },
    });
    if (!found) throw AppError.notFound();
    const file = await lockFile(tx, actor, found.fileId);
    // Read again under the file's lock: someone may have decided meanwhile.
    const plan = await tx.paymentPlan.findFirst({
      where: { tenantId: actor.tenantId, id: d.planId, status: 'AWAITING_APPROVAL' },
    });
    if (!plan) throw new AppError('CONFLICT', M.noPlanAwaiting);
    const note = d.note ? { note: d.note } : {};

    if (d.decision === 'REFUSE') {
      await tx.paymentPlan.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: plan.id } },
        data: { status: 'REFUSED', endedAt: now, decidedBy: actor.membershipId, decidedAt: now, decisionNote: d.note },
      });
      await saveFile(
        tx,
        file,
        {},
        {
          by: { membershipId: actor.membershipId, ip },
          lines: [{ kind: 'plan.refused', details: { planId: plan.id, deciderName: actor.name, ...note } }],
          audit: {
            action: 'plan.refused',
            entity: 'payment_plan',
            entityId: plan.id,
            details: { note: d.note ?? null },
          },
        },
        now,
      );
      await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
      return { planId: plan.id, planStatus: 'REFUSED' as const, status: file.status };
    }

    // The file may have been paid, withdrawn or disputed since the plan was proposed; and a plan in force
    // needs the mandate in force (CPCE R124-3), as when an agent makes one.
    if (!canReach(file.status, 'PAYMENT_PLAN')) throw new AppError('CONFLICT', M.statusForbidsPlan);
    await requireMandateForAction(tx, { tenantId: actor.tenantId, creditorId: file.creditorId, today: clock.today });
    await tx.paymentPlan.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: plan.id } },
      data: { status: 'ACTIVE', decidedBy: actor.membershipId, decidedAt: now, decisionNote: d.note },
    });
    let interestFrozenFrom: string | null = null;
    if (plan.interestMode === 'FROZEN') {
      const mandate = await mandatePlanTerms(tx, file);
      ({ fromOn: interestFrozenFrom } = await openWaiver(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        planId: plan.id,
        agreedOn: dayIn(clock.timeZone, plan.createdAt),
        consent: 'CREDITOR',
        mandateId: mandate.mandateId,
        createdBy: actor.membershipId,
      }));
    }
    await saveFile(
      tx,
      file,
      { status: 'PAYMENT_PLAN' },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: 'plan.accepted',
            details: {
              planId: plan.id,
              deciderName: actor.name,
              ...(interestFrozenFrom ? { interestFrozenFrom } : {}),
              ...note,
            },
          },
        ],
        audit: {
          action: 'plan.accepted',
          entity: 'payment_plan',
          entityId: plan.id,
          details: { note: d.note ?? null },
        },
      },
      now,
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { planId: plan.id, planStatus: 'ACTIVE' as const, status: file.status };
  });
  if (decided.planStatus === 'ACTIVE') {
    const letter = await issueDecidedPlanLetter(actor.tenantId, decided.planId, now).catch((error: unknown) => {
      logger.error({ err: error }, 'plan letter not issued after the decision (the daily plan check will)');
      return null;
    });
    if (letter?.messageId) await sendPlanMails(actor.tenantId, [letter.messageId]);
  }
  return decided;
}
