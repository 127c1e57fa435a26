import type { PaymentPlan } from '../db/generated/client';
import type { Tx } from '../db/tenant';
import { applyToInstalments, evaluateInstalments, type TrackedInstalment } from './schedule';
import { dayOf } from '../dates/days';
import { endWaiver } from './interest-waivers';
import { recordPlanIncident } from '../cases/claim-limitation';

export interface PlanProgress {
  instalments: (TrackedInstalment & { status: string })[];
  /** Every instalment is paid. */
  allPaid: boolean;
  /** An instalment is unpaid past its grace period. */
  broken: boolean;
  /** Instalments whose paid amount or status this call changed. */
  changed: number;
}

export async function activePlanOf(tx: Tx, tenantId: string, fileId: string): Promise<PaymentPlan | null> {
  return tx.paymentPlan.findFirst({ where: { tenantId, fileId, status: 'ACTIVE' } });
}

/**
 * Moves `cents` onto the plan's instalments (oldest unpaid first; negative takes back from the latest
 * paid) and re-evaluates each one on `today`, writing only the rows that changed.
 */
export async function progressPlan(
  tx: Tx,
  plan: Pick<PaymentPlan, 'tenantId' | 'id' | 'graceDays'>,
  cents: number,
  today: string,
): Promise<PlanProgress> {
  const rows = await tx.planInstalment.findMany({
    where: { tenantId: plan.tenantId, planId: plan.id },
    orderBy: { seq: 'asc' },
  });
  const before = rows.map((r) => ({
    seq: r.seq,
    dueOn: dayOf(r.dueOn),
    amountCents: Number(r.amountCents),
    paidCents: Number(r.paidCents),
    status: r.status as string,
  }));
  const { instalments: moved } = applyToInstalments(before, cents);
  const evaluation = evaluateInstalments(moved, today, plan.graceDays);
  const after = moved.map((i, n) => ({ ...i, status: evaluation[n]!.status }));
  let changed = 0;
  for (const [n, next] of after.entries()) {
    const prev = before[n]!;
    if (prev.paidCents === next.paidCents && prev.status === next.status) continue;
    changed += 1;
    await tx.planInstalment.update({
      where: { tenantId_planId_seq: { tenantId: plan.tenantId, planId: plan.id, seq: next.seq } },
      data: { paidCents: next.paidCents, status: next.status },
    });
  }
  return {
    instalments: after,
    allPaid: after.every((i) => i.status === 'PAID'),
    broken: evaluation.broken,
    changed,
  };
}

/**
 * Ends a plan, and the interest waiver it carried: interest runs again from the day after `lastFrozenOn`
 * (a broken plan: the day its first missed instalment fell due, so the freeze covers only the time the plan
 * was honoured). Returns the day interest runs again, or null when the plan froze none.
 */
export async function endPlan(
  tx: Tx,
  plan: Pick<PaymentPlan, 'tenantId' | 'id'>,
  status: 'COMPLETED' | 'BROKEN' | 'CANCELLED',
  now: Date,
  /** null: the waiver stays (a completed plan: a reversed payment may put it back in force). */
  lastFrozenOn: string | null,
): Promise<string | null> {
  await tx.paymentPlan.update({
    where: { tenantId_id: { tenantId: plan.tenantId, id: plan.id } },
    data: { status, endedAt: now },
  });
  return lastFrozenOn === null ? null : endWaiver(tx, plan, lastFrozenOn, now);
}

/** The day a broken plan stopped being honoured: the due day of its first instalment not paid in full. */
export function breachDay(instalments: readonly { dueOn: string; status: string }[], today: string): string {
  const first = instalments
    .filter((i) => i.status !== 'PAID' && i.dueOn < today)
    .map((i) => i.dueOn)
    .sort()[0];
  return first ?? today;
}

/**
 * Ends a plan that broke: its waiver ends the day its first unpaid instalment fell due, and that day is recorded as
 * an unregularised payment incident on the claims the plan covered (C. conso. R312-35 al. 2: consumer credit's
 * forclusion runs again from it). Returns the day interest runs again, or null when the plan froze none.
 */
export async function breakPlan(
  tx: Tx,
  plan: Pick<PaymentPlan, 'tenantId' | 'id' | 'fileId'>,
  instalments: readonly { dueOn: string; status: string }[],
  now: Date,
  today: string,
): Promise<string | null> {
  const incidentOn = breachDay(instalments, today);
  const interestResumesOn = await endPlan(tx, plan, 'BROKEN', now, incidentOn);
  await recordPlanIncident(tx, { tenantId: plan.tenantId, fileId: plan.fileId, planId: plan.id, on: incidentOn });
  return interestResumesOn;
}
