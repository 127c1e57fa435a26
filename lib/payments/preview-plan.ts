import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { agencyClock } from '../dates/agency-clock';
import type { PlanInterestMode } from '../db/generated/enums';
import { approvalReasons, mandatePlanTerms, quotePlan, type ApprovalReason } from './plan-terms';
import type { ScheduledInstalment } from './schedule';
import { previewPlanSchema } from './schemas';

export interface PreviewPlanOptions {
  actor: Actor;
  /** The plan terms, parsed by previewPlanSchema. */
  [field: string]: unknown;
}

export interface PlanPreview {
  /** What the file owes today: the plan must settle exactly this. */
  balanceCents: number;
  /** The balance rests on a rate not yet published (a half-year's legal rate): it may still move. */
  estimated: boolean;
  today: string;
  graceDays: number;
  schedule: ScheduledInstalment[];
  /** The creditor's choice on its mandate: interest frozen while the plan is honoured, or included. */
  interestMode: PlanInterestMode;
  /** What the debtor pays in all, and the interest in it beyond today's balance (INCLUDED only). */
  totalCents: number;
  interestCents: number;
  /** Why the creditor must approve these terms first (empty: the plan is in force once saved). */
  approvalReasons: ApprovalReason[];
  maxMonths: number;
  minInstalmentCents: number;
  /** The file's version as read, to send back with the plan when it is saved. */
  fileVersion: number;
}

/** The schedule a plan would have against what the file owes today; writes nothing. */
export async function previewPlan({ actor, ...input }: PreviewPlanOptions): Promise<PlanPreview> {
  authorize(actor, 'payments.record');
  const terms = parseInput(previewPlanSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const file = await tx.caseFile.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: terms.fileId,
        ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
      },
    });
    if (!file) throw AppError.notFound();
    const mandate = await mandatePlanTerms(tx, file);
    const quote = await quotePlan(tx, file, mandate.interestMode, {
      downPaymentCents: terms.downPaymentCents,
      instalmentCount: terms.instalmentCount,
      instalmentCents: terms.instalmentCents,
      firstDueOn: terms.firstDueOn,
      frequency: terms.frequency,
      today: clock.today,
    });
    return {
      balanceCents: quote.balanceCents,
      estimated: quote.estimated,
      today: clock.today,
      graceDays: clock.planGraceDays,
      schedule: quote.schedule,
      interestMode: mandate.interestMode,
      totalCents: quote.totalCents,
      interestCents: quote.interestCents,
      approvalReasons: approvalReasons(quote.schedule, mandate, clock.today),
      maxMonths: mandate.maxMonths,
      minInstalmentCents: mandate.minInstalmentCents,
      fileVersion: file.version,
    };
  });
}
