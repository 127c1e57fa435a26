import { dayIn } from '../dates/days';
import type { FileStatus, PaymentMethod } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { allocatePayment, creditOf, type AllocationLine } from './allocation';
import { balancesOn, loadLedger } from '../cases/file-ledger';
import { agencyClock } from '../dates/agency-clock';
import { lockFile, saveFile } from '../cases/file-store';
import { recordLimitationEvent } from '../cases/claim-limitation';
import { canReach } from '../cases/transitions';
import { PAYMENT_MESSAGES as M } from './messages';
import { activePlanOf, endPlan, progressPlan } from './plan-progress';
import { keepPromises } from './promises';
import { recordPaymentSchema } from './schemas';
import { onFileEvent } from '../scenarios/on-file-event';
import { MESSAGE_JOB_OPTIONS, messageJobId } from '../scenarios/sweep';
import { QueueName } from '../queue/names';
import { enqueue } from '../queue/producers';
import { issueReceipt } from './issue-receipt';
import { postPayment } from '../accounting/post-payment';
import type { Account } from '../accounting/ledger-chart';
import { taskNote } from '../tasks/notes';
import { openTask } from '../tasks/open-task';
import { paymentClosingReason, reportClosing } from '../closing/report-closing';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { logger } from '../log/logger';

export interface RecordPaymentOptions {
  actor: Actor;
  ip?: string;
  /**
   * Set by lib/insolvency/record-dividend.ts only, never by a form: a dividend of collective proceedings is paid by
   * the mandataire, so the debtor gets no receipt and no limitation restarts (the payment is linked to its
   * declaration in declaration_dividend).
   */
  dividend?: boolean;
  /** The rest is the input, parsed by recordPaymentSchema (fileId, amount, method, receivedOn, …). */
  [field: string]: unknown;
}

export interface RecordedPayment {
  paymentId: string;
  receiptNumber: string;
  amountCents: number;
  method: PaymentMethod;
  receivedOn: string;
  /** How the payment was imputed, line by line (CREDIT: held for the debtor). */
  lines: AllocationLine[];
  creditCents: number;
  /** What the file still owes today, after this payment. */
  remainingCents: number;
  status: FileStatus;
  fileVersion: number;
  /** The receipt's e-mail in the outbox, handed to the sender once committed (null: posted or not sent). */
  messageId: string | null;
  /** The closing report's e-mails to the creditor, when the payment closed the file (sent once committed). */
  closingMessageIds: string[];
  /** False for an instalment of a plan the creditor already knows (R124-5). */
  creditorNotified: boolean;
  /** The agency's commission on the money imputed, before tax, and its VAT (posted to the ledger). */
  commissionCents: number;
  vatCents: number;
}

/**
 * Records money received on a file (including money paid straight to the creditor, which settles the
 * debt all the same): imputed to the claims by the Code civil rules, any excess held as a credit, the
 * active plan's instalments and pending promises settled, the file closed as PAID once nothing is owed.
 */
export async function recordPayment({ actor, ip, ...input }: RecordPaymentOptions): Promise<RecordedPayment> {
  const recorded = await recordPaymentIn({ actor, ip, ...input });
  await sendReceipt(actor.tenantId, recorded);
  return recorded;
}

/**
 * After COMMIT: the receipt, and the closing report when the payment closed the file. If this is lost, the scenario
 * sweep finds the outbox rows still PENDING and enqueues them.
 */
export async function sendReceipt(
  tenantId: string,
  recorded: Pick<RecordedPayment, 'messageId' | 'closingMessageIds'>,
): Promise<void> {
  await sendAfterCommit(tenantId, recorded.closingMessageIds, 'closing report e-mail');
  if (recorded.messageId)
    await enqueue(
      QueueName.NOTIFICATIONS,
      'send',
      { tenantId, messageId: recorded.messageId },
      { ...MESSAGE_JOB_OPTIONS, jobId: messageJobId(recorded.messageId) },
    ).catch((error: unknown) => logger.error({ err: error }, 'receipt e-mail not enqueued (the sweep will)'));
}

/**
 * In its own transaction, or inside the caller's (`outer`: a bank statement's credit is recorded with its
 * entry's match); a caller passing one sends the receipt after COMMIT (`sendReceipt`).
 */
export async function recordPaymentIn(
  { actor, ip, dividend = false, ...input }: RecordPaymentOptions,
  outer?: Tx,
  /** A bank credit held as an unmatched receipt is paid out of that account, not received anew. */
  source: { from?: Account } = {},
): Promise<RecordedPayment> {
  authorize(actor, 'payments.record');
  const fromDebtor = !dividend;
  const p = parseInput(recordPaymentSchema, input);
  const now = new Date();
  const work = async (tx: Tx): Promise<RecordedPayment> => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const file = await lockFile(tx, actor, p.fileId, p.expectedVersion, clock);
    if (p.receivedOn > clock.today) throw AppError.invalid({ receivedOn: M.receivedInFuture });
    if (p.receivedOn < dayIn(clock.timeZone, file.placedAt)) {
      throw AppError.invalid({ receivedOn: M.receivedBeforePlacement });
    }

    const ledger = await loadLedger(tx, file);
    const known = new Set(ledger.claims.map((c) => c.id));
    if (p.claimOrder.some((id) => !known.has(id))) throw AppError.invalid({ claimOrder: M.claimOrder });

    // Imputed on what was owed the day the money arrived: interest accrued after that day is not its concern.
    const owed = await balancesOn(tx, file, p.receivedOn, ledger);
    // A claim balance carries what imputation weighs: due date, running rate, each part due.
    const { lines } = allocatePayment(p.amountCents, owed.claims, p.claimOrder, p.receivedOn);
    const creditCents = creditOf(lines);
    const appliedCents = p.amountCents - creditCents;

    const payment = await tx.payment.create({
      data: {
        tenantId: actor.tenantId,
        fileId: file.id,
        creditorId: file.creditorId,
        amountCents: BigInt(p.amountCents),
        currency: file.currency,
        method: p.method,
        receivedOn: new Date(`${p.receivedOn}T00:00:00Z`),
        reference: p.reference,
        recordedBy: personOf(actor),
        source: p.source,
      },
      select: { id: true, receiptNumber: true },
    });
    await tx.allocation.createMany({
      data: lines.map((line) => ({
        tenantId: actor.tenantId,
        paymentId: payment.id,
        fileId: file.id,
        claimId: line.claimId,
        part: line.part,
        amountCents: BigInt(line.cents),
      })),
    });
    // The books move with the money, in this transaction: the payment's entry, then its commission.
    const commission = await postPayment(tx, {
      tenantId: actor.tenantId,
      paymentId: payment.id,
      fileId: file.id,
      amountCents: BigInt(p.amountCents),
      creditCents: BigInt(creditCents),
      method: p.method,
      receivedOn: p.receivedOn,
      currency: file.currency,
      postedBy: personOf(actor),
      postedAt: now,
      ...source,
    });

    const after = await balancesOn(tx, file, clock.today);
    const remainingCents = after.totals.totalDueCents;
    const nothingDue = remainingCents === 0;

    // The plan follows the money imputed to the debt; a credit is not an instalment paid in advance.
    let status: FileStatus = file.status;
    const plan = await activePlanOf(tx, actor.tenantId, file.id);
    let planCompleted = false;
    let planInstalment = false;
    if (plan) {
      const progress = await progressPlan(tx, plan, appliedCents, clock.today);
      planInstalment = appliedCents > 0;
      if (progress.allPaid || nothingDue) {
        await endPlan(tx, plan, 'COMPLETED', now, null);
        planCompleted = true;
      }
    }
    const kept = await keepPromises(tx, actor.tenantId, file.id, { nothingDue, now });
    const pendingLeft = await tx.paymentPromise.count({
      where: { tenantId: actor.tenantId, fileId: file.id, status: 'PENDING' },
    });

    let target: FileStatus = file.status;
    if (nothingDue) target = 'PAID';
    // A completed plan that leaves interest accrued meanwhile, or a kept promise, hands the file back
    // to its agent for the rest.
    else if (planCompleted && file.status === 'PAYMENT_PLAN') target = 'IN_PROGRESS';
    else if (file.status === 'PROMISE' && kept > 0 && pendingLeft === 0) target = 'IN_PROGRESS';
    if (canReach(file.status, target)) status = target;

    // CPCE R124-6: the debtor's receipt is issued with the payment (e-mail, post, or recorded as not sent); a dividend
    // is the mandataire's money, not the debtor's.
    const receipt = fromDebtor
      ? await issueReceipt(tx, { tenantId: actor.tenantId, paymentId: payment.id, now })
      : null;
    // CPCE R124-5: the creditor is told of every payment, even partial, except the instalments of a plan it already
    // knows (the plan it was told of when it was agreed). Its portal lists them; the daily digest e-mails them.
    if (!planInstalment)
      await tx.creditorNotification.create({
        data: {
          tenantId: actor.tenantId,
          creditorId: file.creditorId,
          fileId: file.id,
          paymentId: payment.id,
          amountCents: BigInt(p.amountCents),
          currency: file.currency,
          receivedOn: new Date(`${p.receivedOn}T00:00:00Z`),
          remainingCents: BigInt(remainingCents),
          createdAt: now,
        },
      });

    // The payment that leaves nothing owed closes the file: the store writes its closing row (decision 0023).
    const closingReason = status === 'PAID' && file.status !== 'PAID' ? paymentClosingReason(planCompleted) : null;
    const saved = await saveFile(
      tx,
      file,
      { status, collectedCentsDelta: appliedCents, creditCentsDelta: creditCents },
      {
        by: personOf(actor) ? { membershipId: actor.membershipId, ip } : null,
        lines: [
          {
            kind: 'payment.recorded',
            details: {
              paymentId: payment.id,
              receiptNumber: payment.receiptNumber,
              amountCents: p.amountCents,
              method: p.method,
              receivedOn: p.receivedOn,
              creditCents,
              remainingCents,
              currency: file.currency,
              ...(p.source === 'partner' ? { partner: true } : {}),
              lines: lines.map((l) => ({ claimId: l.claimId, part: l.part, cents: l.cents })),
              ...(fromDebtor ? {} : { dividend: true }),
            },
          },
          ...(receipt
            ? [
                {
                  kind: 'receipt.issued' as const,
                  details: {
                    paymentId: payment.id,
                    receiptNumber: payment.receiptNumber,
                    channel: receipt.channel,
                    recipient: receipt.recipient,
                    documentId: receipt.documentId,
                  },
                },
              ]
            : []),
          ...(plan && planCompleted
            ? [
                {
                  kind: 'plan.completed' as const,
                  details: { planId: plan.id, remainingCents, currency: file.currency },
                },
              ]
            : []),
        ],
        audit: {
          action: 'payment.recorded',
          entity: 'payment',
          entityId: payment.id,
          details: {
            receiptNumber: payment.receiptNumber,
            amountCents: p.amountCents,
            method: p.method,
            ...(dividend ? { dividend } : {}),
            receivedOn: p.receivedOn,
            creditCents,
            commissionCents: Number(commission.commissionCents),
            vatCents: Number(commission.vatCents),
          },
        },
        closing: closingReason ? { reason: closingReason } : undefined,
      },
      now,
    );
    const fileVersion = saved.version;
    // The creditor hears of the closing as of any other: the report in its portal and by e-mail.
    const closingMessageIds =
      closingReason && saved.closingId
        ? await reportClosing(tx, {
            file,
            closingId: saved.closingId,
            reason: closingReason,
            cause: 'PAYMENT',
            clock,
            by: personOf(actor),
          })
        : [];

    // C. civ. 2240: a payment acknowledges the claims it paid; their limitation period starts again that day. A
    // dividend is no act of the debtor's (the declaration itself interrupts limitation while the proceedings last).
    if (fromDebtor)
      await recordLimitationEvent(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        claimIds: [...new Set(lines.flatMap((l) => (l.claimId && l.cents > 0 ? [l.claimId] : [])))],
        kind: 'PAYMENT',
        on: p.receivedOn,
        paymentId: payment.id,
        recordedBy: personOf(actor),
      });
    // A plan paid as agreed that still leaves something due — an INCLUDED plan priced a half-year at the last rate
    // known and a different rate was published since, or interest run before a waiver — goes back to its agent as a
    // task; the timeline's plan.completed line says how much is left.
    if (planCompleted && !nothingDue)
      await openTask(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        kind: 'REVIEW',
        dueAt: now,
        assigneeId: file.assigneeId ?? actor.membershipId,
        source: 'plan',
        createdBy: actor.membershipId,
        ref: taskNote('plan.balanceLeft', {}),
      });
    await onFileEvent(tx, actor.tenantId, file.id, 'PAYMENT', now);
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);

    return {
      messageId: receipt?.messageId ?? null,
      closingMessageIds,
      creditorNotified: !planInstalment,
      paymentId: payment.id,
      receiptNumber: payment.receiptNumber,
      amountCents: p.amountCents,
      method: p.method,
      receivedOn: p.receivedOn,
      lines,
      creditCents,
      remainingCents,
      status,
      fileVersion,
      commissionCents: Number(commission.commissionCents),
      vatCents: Number(commission.vatCents),
    };
  };
  return outer ? work(outer) : inTenant(scopeOf(actor), work);
}
