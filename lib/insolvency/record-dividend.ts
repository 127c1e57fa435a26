import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { recordPaymentIn, sendReceipt, type RecordedPayment } from '../payments/record-payment';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { lockCreditorFiles } from './creditor-files';
import { DECLARATION_MESSAGES as M } from './messages';
import { filedDeclaration } from './filed-declaration';
import { dividendFits, dividendShares } from './rules';
import { dividendSchema } from './schemas';

/** One covered file's part of a dividend, recorded as a payment on that file. */
export interface DividendShare {
  fileId: string;
  amountCents: number;
  paymentId: string;
}

export interface RecordDividendResult {
  fileId: string;
  declarationId: string;
  /** The new version of the file the form was on. */
  fileVersion: number;
  amountCents: number;
  /** Dividends received on the declaration so far, this one included. */
  dividendsCents: number;
  /** How this dividend was split over the files the declaration covers (id order; no zero shares). */
  shares: DividendShare[];
}

/**
 * A dividend the mandataire or liquidator paid on the admitted claim (C. com. L643-3): never more in total than was
 * admitted; split over the files the declaration covers (dividendShares) and recorded on each as a payment through
 * the payment use-case, so each file's ledger, allocation to its claims and creditor statement follow, as a dividend
 * linked to its declaration (no receipt to the debtor, no acknowledgment interrupting limitation). The creditor's
 * files are locked together, in the order company events lock them; the form's file is checked at the version it
 * read, the others are taken as locked.
 */
export async function recordDividend({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
}): Promise<RecordDividendResult> {
  authorize(actor, 'payments.record');
  const v = parseInput(dividendSchema, input);
  // The closing reports of the files the dividend settled, sent once committed (decision 0023).
  const closingMessageIds: string[] = [];
  const result = await inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    // Locked before the sum of dividends is read.
    const { from, files } = await lockCreditorFiles(tx, actor, v.fileId, v.expectedVersion, clock);
    const declaration = await filedDeclaration(tx, from);
    if (declaration.status !== 'ADMITTED' && declaration.status !== 'PART_ADMITTED')
      throw new AppError('CONFLICT', M.notAdmitted);
    const paid = await tx.payment.aggregate({
      where: { tenantId: from.tenantId, dividend: { declarationId: declaration.id } },
      _sum: { amountCents: true },
    });
    const paidSoFar = Number(paid._sum.amountCents ?? 0);
    const admitted = declaration.admittedCents === null ? null : Number(declaration.admittedCents);
    if (!dividendFits(admitted, paidSoFar, v.amount)) throw AppError.invalid({ amount: M.dividendOverAdmitted });

    const shares = dividendShares(
      v.amount,
      declaration.files.map((f) => ({ fileId: f.fileId, declaredCents: Number(f.declaredCents) })),
    );
    const recorded: DividendShare[] = [];
    let fileVersion = from.version;
    for (const share of shares) {
      const file = files.find((f) => f.id === share.fileId);
      // Covered files are the creditor's against this debtor, all locked above.
      if (!file) throw new AppError('CONFLICT', M.notFiled);
      const payment: RecordedPayment = await recordPaymentIn(
        {
          actor,
          ip,
          dividend: true,
          fileId: file.id,
          expectedVersion: file.id === from.id ? v.expectedVersion : file.version,
          amount: share.amountCents,
          method: 'TRANSFER',
          receivedOn: v.receivedOn,
          ...(v.reference ? { reference: v.reference } : {}),
        },
        tx,
      );
      await tx.declarationDividend.create({
        data: { tenantId: from.tenantId, declarationId: declaration.id, paymentId: payment.paymentId },
      });
      if (file.id === from.id) fileVersion = payment.fileVersion;
      closingMessageIds.push(...payment.closingMessageIds);
      recorded.push({ ...share, paymentId: payment.paymentId });
    }
    return {
      fileId: from.id,
      declarationId: declaration.id,
      fileVersion,
      amountCents: v.amount,
      dividendsCents: paidSoFar + v.amount,
      shares: recorded,
    };
  });
  // No receipt for a dividend; the closing report of each file it settled.
  await sendReceipt(actor.tenantId, { messageId: null, closingMessageIds });
  return result;
}
