import { addDays } from '../dates/days';
import { parseInput } from '../errors/zod';
import { savePlan, sendPlanMails, type CreatedPlan } from '../payments/create-plan';
import { openTask } from '../tasks/open-task';
import { withDebtorFile, type DebtorRequest } from './debtor-file';
import { debtorPlanSchema } from './schemas';

/**
 * A debtor proposes monthly instalments on their page. Within what the creditor's mandate lets the agency agree
 * alone, the plan is in force at once (the scenario waits on it, as for a plan agreed on the phone); beyond it, the
 * creditor decides (R124-5, the same e-mail and portal as an agent's proposal) and the file's agent gets a task to
 * follow it up.
 */
export async function proposeDebtorPlan({
  session,
  input,
  ip,
  now = new Date(),
}: DebtorRequest): Promise<Pick<CreatedPlan, 'planId' | 'planStatus' | 'schedule'>> {
  const { created, tenantId } = await withDebtorFile(session, now, async (tx, file, clock) => {
    const terms = parseInput(debtorPlanSchema(clock), input);
    const debtor = await tx.debtor.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: file.tenantId, id: file.debtorId } },
      select: { displayName: true },
    });
    const plan = await savePlan(tx, {
      file,
      terms: { ...terms, downPaymentCents: 0, frequency: 'MONTHLY' },
      clock,
      by: { membershipId: null, name: debtor.displayName, ip },
      now,
    });
    if (plan.planStatus === 'AWAITING_APPROVAL')
      await openTask(tx, {
        tenantId: file.tenantId,
        fileId: file.id,
        kind: 'REVIEW',
        dueAt: new Date(`${addDays(clock.today, 1)}T08:00:00Z`),
        assigneeId: file.assigneeId,
        source: 'debtor',
        ref: { key: 'plan.debtorProposed', values: {} },
        createdAt: now,
      });
    return { created: plan, tenantId: file.tenantId };
  });
  await sendPlanMails(tenantId, created.messageIds);
  return { planId: created.planId, planStatus: created.planStatus, schedule: created.schedule };
}
