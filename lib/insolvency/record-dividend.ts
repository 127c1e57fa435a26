import { lockFile } from '../cases/file-store';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { recordPaymentIn, type RecordedPayment } from '../payments/record-payment';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { DECLARATION_MESSAGES as M } from './messages';
import { filedDeclaration } from './filed-declaration';
import { dividendFits } from './rules';
import { dividendSchema } from './schemas';

export interface RecordDividendResult extends RecordedPayment {
  fileId: string;
  declarationId: string;
  /** Dividends received on the declaration so far, this one included. */
  dividendsCents: number;
}

/**
 * A dividend the mandataire or liquidator paid on the file's admitted claim (C. com. L643-3): recorded as a payment
 * through the payment use-case, so the ledger, the allocation to the claims and the creditor's statement follow, as a
 * dividend linked to its declaration (no receipt to the debtor, no acknowledgment interrupting limitation). Never more
 * in total than was admitted.
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
  return inTenant(scopeOf(actor), async (tx) => {
    // Locked before the sum of dividends is read; the payment use-case checks the version the form read.
    const file = await lockFile(tx, actor, v.fileId);
    const declaration = await filedDeclaration(tx, file);
    if (declaration.status !== 'ADMITTED' && declaration.status !== 'PART_ADMITTED')
      throw new AppError('CONFLICT', M.notAdmitted);
    const paid = await tx.payment.aggregate({
      where: { tenantId: file.tenantId, dividend: { declarationId: declaration.id } },
      _sum: { amountCents: true },
    });
    const paidSoFar = Number(paid._sum.amountCents ?? 0);
    const admitted = declaration.admittedCents === null ? null : Number(declaration.admittedCents);
    if (!dividendFits(admitted, paidSoFar, v.amount)) throw AppError.invalid({ amount: M.dividendOverAdmitted });

    const recorded = await recordPaymentIn(
      {
        actor,
        ip,
        dividend: true,
        fileId: file.id,
        expectedVersion: v.expectedVersion,
        amount: v.amount,
        method: 'TRANSFER',
        receivedOn: v.receivedOn,
        ...(v.reference ? { reference: v.reference } : {}),
      },
      tx,
    );
    await tx.declarationDividend.create({
      data: { tenantId: file.tenantId, declarationId: declaration.id, paymentId: recorded.paymentId },
    });
    return { ...recorded, fileId: file.id, declarationId: declaration.id, dividendsCents: paidSoFar + v.amount };
  });
}
