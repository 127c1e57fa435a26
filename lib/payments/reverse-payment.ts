import type { FileStatus } from '../db/generated/enums';
import { isUniqueViolation } from '../db/errors';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { creditOf, reverseAllocation, type AllocationLine } from './allocation';
import { balancesOn } from '../cases/file-ledger';
import { agencyClock } from '../dates/agency-clock';
import { lockFile, saveFile } from '../cases/file-store';
import { recomputeLimitation } from '../cases/claim-limitation';
import { canReach } from '../cases/transitions';
import { PAYMENT_MESSAGES as M } from './messages';
import { breakPlan, progressPlan } from './plan-progress';
import { reopenPromises } from './promises';
import { reversePaymentSchema } from './schemas';
import { postPaymentReversal } from '../accounting/post-payment';
import { dayOf } from '../dates/days';

export interface ReversePaymentOptions {
  actor: Actor;
  ip?: string;
  /** paymentId and reason, parsed by reversePaymentSchema. */
  [field: string]: unknown;
}

export interface ReversedPayment {
  reversalId: string;
  receiptNumber: string;
  reversedId: string;
  lines: AllocationLine[];
  remainingCents: number;
  status: FileStatus;
  fileVersion: number;
}

const alreadyReversed = () => new AppError('CONFLICT', M.alreadyReversed, { paymentId: M.alreadyReversed });

/**
 * Cancels a payment (a bounced cheque, a transfer recalled, an entry on the wrong file) by a new, negative
 * payment that points at it and negates its allocations line by line. Payments are never edited.
 * Everything the payment settled is unsettled: file totals, plan instalments, promises, a PAID closure.
 */
export async function reversePayment({ actor, ip, ...input }: ReversePaymentOptions): Promise<ReversedPayment> {
  authorize(actor, 'payments.reverse');
  const r = parseInput(reversePaymentSchema, input);
  const now = new Date();
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const original = await tx.payment.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: r.paymentId,
        ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
      },
      include: { allocations: true },
    });
    if (!original) throw AppError.notFound();
    if (original.reversesId !== null || original.amountCents < 0n) {
      throw AppError.invalid({ paymentId: M.notReversible });
    }
    const file = await lockFile(tx, actor, original.fileId);
    // Checked under the file lock, so two managers reversing at once cannot both pass; the unique index
    // on reverses_id is the last word if anything else slips through.
    const earlier = await tx.payment.findFirst({
      where: { tenantId: actor.tenantId, reversesId: original.id },
      select: { id: true },
    });
    if (earlier) throw alreadyReversed();

    const lines = reverseAllocation(
      original.allocations.map((a) => ({ claimId: a.claimId, part: a.part, cents: Number(a.amountCents) })),
    );
    const amountCents = -Number(original.amountCents);
    const creditCents = creditOf(lines);
    const appliedCents = amountCents - creditCents;

    const reversal = await tx.payment
      .create({
        data: {
          tenantId: actor.tenantId,
          fileId: file.id,
          creditorId: file.creditorId,
          amountCents: BigInt(amountCents),
          currency: original.currency,
          method: original.method,
          // Same day as the payment it cancels: its negated allocations then meet the originals on that
          // day, and the interest engine sees the money as never received rather than received for a while.
          receivedOn: original.receivedOn,
          reference: original.reference,
          reversesId: original.id,
          note: r.reason,
          recordedBy: personOf(actor),
        },
        select: { id: true, receiptNumber: true },
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? alreadyReversed() : error;
      });
    await tx.allocation.createMany({
      data: lines.map((line) => ({
        tenantId: actor.tenantId,
        paymentId: reversal.id,
        fileId: file.id,
        claimId: line.claimId,
        part: line.part,
        amountCents: BigInt(line.cents),
      })),
    });
    // The mirror of the payment's entries, its commission taken back with it.
    const commission = await postPaymentReversal(tx, {
      tenantId: actor.tenantId,
      reversalId: reversal.id,
      originalId: original.id,
      receivedOn: dayOf(original.receivedOn),
      currency: original.currency,
      postedBy: personOf(actor),
    });

    const after = await balancesOn(tx, file, clock.today);
    const remainingCents = after.totals.totalDueCents;

    // The plan this payment fed: the active one, or the one it completed. Only a plan made before the
    // payment was recorded received its money.
    const plan = await tx.paymentPlan.findFirst({
      where: {
        tenantId: actor.tenantId,
        fileId: file.id,
        status: { in: ['ACTIVE', 'COMPLETED'] },
        createdAt: { lte: original.recordedAt },
      },
      orderBy: { createdAt: 'desc' },
    });
    let planState: 'ACTIVE' | 'BROKEN' | null = null;
    let interestResumesOn: string | null = null;
    if (plan && remainingCents > 0) {
      const otherActive =
        plan.status === 'COMPLETED' &&
        (await tx.paymentPlan.count({ where: { tenantId: actor.tenantId, fileId: file.id, status: 'ACTIVE' } })) > 0;
      if (!otherActive) {
        const progress = await progressPlan(tx, plan, appliedCents, clock.today);
        if (progress.broken) {
          interestResumesOn = await breakPlan(tx, plan, progress.instalments, now, clock.today);
          planState = 'BROKEN';
        } else if (!progress.allPaid) {
          if (plan.status === 'COMPLETED') {
            await tx.paymentPlan.update({
              where: { tenantId_id: { tenantId: actor.tenantId, id: plan.id } },
              data: { status: 'ACTIVE', endedAt: null },
            });
          }
          planState = 'ACTIVE';
        }
      }
    }
    const reopenedPromises = await reopenPromises(tx, actor.tenantId, file.id, { keptSince: original.recordedAt });

    let target: FileStatus = file.status;
    if (planState === 'ACTIVE') target = 'PAYMENT_PLAN';
    else if (
      (file.status === 'PAID' && remainingCents > 0) ||
      (planState === 'BROKEN' && file.status === 'PAYMENT_PLAN')
    ) {
      target = 'IN_PROGRESS';
    }
    const status = remainingCents > 0 && canReach(file.status, target) ? target : file.status;
    const wasStatus = file.status;

    const receipt = original.receiptNumber;
    const { version: fileVersion } = await saveFile(
      tx,
      file,
      // The credit a refund already paid out is not taken back from the file (it holds none of it): it is owed back.
      {
        status,
        collectedCentsDelta: appliedCents,
        creditCentsDelta: creditCents + Number(commission.refundToRecoverCents),
      },
      {
        by: personOf(actor) ? { membershipId: actor.membershipId, ip } : null,
        lines: [
          {
            kind: 'payment.reversed',
            details: {
              paymentId: original.id,
              reversalId: reversal.id,
              receiptNumber: reversal.receiptNumber,
              reversedReceiptNumber: receipt,
              // What was paid and is now taken back, shown as a positive sum.
              amountCents: Number(original.amountCents),
              reason: r.reason,
              ...(creditCents + Number(commission.refundToRecoverCents) < 0
                ? { creditReducedCents: -creditCents - Number(commission.refundToRecoverCents) }
                : {}),
              ...(commission.refundToRecoverCents > 0n
                ? { refundToRecoverCents: Number(commission.refundToRecoverCents) }
                : {}),
              reopened: wasStatus === 'PAID' && status !== 'PAID',
              remainingCents,
              currency: file.currency,
              reopenedPromises,
            },
          },
          ...(plan && planState === 'BROKEN'
            ? [
                {
                  kind: 'plan.broken' as const,
                  details: {
                    planId: plan.id,
                    reversedReceiptNumber: receipt,
                    currency: file.currency,
                    ...(interestResumesOn ? { interestResumesOn } : {}),
                  },
                },
              ]
            : []),
        ],
        audit: {
          action: 'payment.reversed',
          entity: 'payment',
          entityId: original.id,
          details: {
            reversalId: reversal.id,
            amountCents,
            reason: r.reason,
            commissionCents: Number(commission.commissionCents),
            refundToRecoverCents: Number(commission.refundToRecoverCents),
            vatCents: Number(commission.vatCents),
          },
        },
      },
      now,
    );
    // The reversed payment acknowledged nothing: the claims' limitation dates go back to what else moved them.
    await recomputeLimitation(tx, actor.tenantId, [file.id]);
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);

    return {
      reversalId: reversal.id,
      receiptNumber: reversal.receiptNumber,
      reversedId: original.id,
      lines,
      remainingCents,
      status,
      fileVersion,
    };
  });
}
