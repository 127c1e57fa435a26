import type { AllocationPart, InstalmentStatus, PaymentMethod, PlanFrequency, PlanStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { fileRefSchema } from './schemas';
import { dayOf } from '../dates/days';

export interface FilePaymentItem {
  id: string;
  receiptNumber: string;
  /** Negative for a reversal. */
  amountCents: number;
  currency: string;
  method: PaymentMethod;
  receivedOn: string;
  reference: string | null;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
  /** Set on a reversal: the payment it cancels. */
  reversesId: string | null;
  /** Set on a payment that was reversed: the reversal's id and number. */
  reversedBy: { id: string; receiptNumber: string } | null;
  allocations: { claimId: string | null; invoiceNumber: string | null; part: AllocationPart; cents: number }[];
  /** The agency's commission on this payment before tax, and its VAT (negative on a reversal); null before the ledger. */
  commission: { commissionCents: number; vatCents: number } | null;
}

export interface FilePlanItem {
  id: string;
  status: PlanStatus;
  totalCents: number;
  downPaymentCents: number;
  frequency: PlanFrequency;
  firstDueOn: string;
  graceDays: number;
  createdAt: string;
  endedAt: string | null;
  instalments: { seq: number; dueOn: string; amountCents: number; paidCents: number; status: InstalmentStatus }[];
}

export interface FilePayments {
  fileId: string;
  currency: string;
  /** Money imputed to the claims so far (net of reversals). */
  collectedCents: number;
  /** Overpayment held for the debtor. */
  creditCents: number;
  payments: FilePaymentItem[];
  plans: FilePlanItem[];
}

/** The money side of a file's page: payments newest first with their imputation, plans newest first. */
export async function filePayments(actor: Actor, fileId: unknown): Promise<FilePayments> {
  authorize(actor, 'files.read');
  const ref = parseInput(fileRefSchema, { fileId });
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: ref.fileId,
        ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
      },
      select: { id: true, currency: true, collectedCents: true, creditCents: true },
    });
    if (!file) throw AppError.notFound();
    const payments = await tx.payment.findMany({
      where: { tenantId: actor.tenantId, fileId: file.id },
      include: {
        allocations: { include: { claim: { select: { invoiceNumber: true, dueOn: true } } } },
        reversedBy: { select: { id: true, receiptNumber: true } },
      },
      orderBy: [{ recordedAt: 'desc' }, { receiptNumber: 'desc' }],
    });
    const commissions = new Map(
      (
        await tx.paymentCommission.findMany({
          where: { tenantId: actor.tenantId, fileId: file.id },
          select: { paymentId: true, commissionCents: true, vatCents: true },
        })
      ).map((c) => [c.paymentId, { commissionCents: Number(c.commissionCents), vatCents: Number(c.vatCents) }]),
    );
    const plans = await tx.paymentPlan.findMany({
      where: { tenantId: actor.tenantId, fileId: file.id },
      include: { instalments: { orderBy: { seq: 'asc' } } },
      orderBy: { createdAt: 'desc' },
    });
    const PART_ORDER: Record<AllocationPart, number> = { INTEREST: 0, INDEMNITY: 1, PRINCIPAL: 2, CREDIT: 3 };
    return {
      fileId: file.id,
      currency: file.currency,
      collectedCents: Number(file.collectedCents),
      creditCents: Number(file.creditCents),
      payments: payments.map((p) => ({
        id: p.id,
        receiptNumber: p.receiptNumber,
        amountCents: Number(p.amountCents),
        currency: p.currency,
        method: p.method,
        receivedOn: dayOf(p.receivedOn),
        reference: p.reference,
        note: p.note,
        recordedAt: p.recordedAt.toISOString(),
        recordedBy: p.recordedBy,
        reversesId: p.reversesId,
        reversedBy: p.reversedBy[0] ?? null,
        allocations: [...p.allocations]
          .sort(
            (a, b) =>
              (a.claim?.dueOn.getTime() ?? Infinity) - (b.claim?.dueOn.getTime() ?? Infinity) ||
              PART_ORDER[a.part] - PART_ORDER[b.part],
          )
          .map((a) => ({
            claimId: a.claimId,
            invoiceNumber: a.claim?.invoiceNumber ?? null,
            part: a.part,
            cents: Number(a.amountCents),
          })),
        commission: commissions.get(p.id) ?? null,
      })),
      plans: plans.map((plan) => ({
        id: plan.id,
        status: plan.status,
        totalCents: Number(plan.totalCents),
        downPaymentCents: Number(plan.downPaymentCents),
        frequency: plan.frequency,
        firstDueOn: dayOf(plan.firstDueOn),
        graceDays: plan.graceDays,
        createdAt: plan.createdAt.toISOString(),
        endedAt: plan.endedAt?.toISOString() ?? null,
        instalments: plan.instalments.map((i) => ({
          seq: i.seq,
          dueOn: dayOf(i.dueOn),
          amountCents: Number(i.amountCents),
          paidCents: Number(i.paidCents),
          status: i.status,
        })),
      })),
    };
  });
}
