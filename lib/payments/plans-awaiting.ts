import { inTenant } from '../db/tenant';
import { dayOf } from '../dates/days';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

export interface PlanAwaiting {
  id: string;
  fileId: string;
  fileReference: string;
  debtorName: string;
  currency: string;
  totalCents: number;
  interestMode: 'FROZEN' | 'INCLUDED' | null;
  interestCents: number;
  reasons: string[];
  proposedAt: string;
  proposedBy: string | null;
  instalments: { seq: number; dueOn: string; amountCents: number }[];
}

/**
 * The plans a creditor is asked to decide (CPCE R124-5), oldest first: only its own files' (row security
 * and the explicit filter both say so).
 */
export async function plansAwaitingApproval({ actor }: { actor: Actor }): Promise<PlanAwaiting[]> {
  authorize(actor, 'plans.decide');
  return inTenant(scopeOf(actor), async (tx) => {
    const plans = await tx.paymentPlan.findMany({
      where: {
        tenantId: actor.tenantId,
        status: 'AWAITING_APPROVAL',
        ...(actor.creditorId ? { file: { creditorId: actor.creditorId } } : {}),
      },
      include: {
        instalments: { orderBy: { seq: 'asc' } },
        file: { select: { reference: true, currency: true, debtor: { select: { displayName: true } } } },
      },
      orderBy: { createdAt: 'asc' },
      take: 200,
    });
    const agents = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT m.id::text, i.name FROM membership m JOIN identity i ON i.id = m.identity_id
       WHERE m.tenant_id = ${actor.tenantId}::uuid
         AND m.id = ANY(${plans.flatMap((p) => (p.createdBy ? [p.createdBy] : []))}::uuid[])`;
    const nameOf = new Map(agents.map((a) => [a.id, a.name]));
    return plans.map((p) => ({
      id: p.id,
      fileId: p.fileId,
      fileReference: p.file.reference,
      debtorName: p.file.debtor.displayName,
      currency: p.file.currency.trim(),
      totalCents: Number(p.totalCents),
      interestMode: p.interestMode,
      interestCents: Number(p.interestCents),
      reasons: p.approvalReasons,
      proposedAt: p.createdAt.toISOString(),
      proposedBy: p.createdBy ? (nameOf.get(p.createdBy) ?? null) : null,
      instalments: p.instalments.map((i) => ({
        seq: i.seq,
        dueOn: dayOf(i.dueOn),
        amountCents: Number(i.amountCents),
      })),
    }));
  });
}
