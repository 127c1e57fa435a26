import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { dayIn, dayOf } from '../dates/days';
import type { AllocationPart } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { AllocationLine, ReceiptData } from '../letters/types';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { balancesOn } from '../cases/file-ledger';
import { agencyIdentity, creditorParty, debtorAddressee, ledgerUntil, safeFileName } from './letter-parties';
import { agencyClock } from '../dates/agency-clock';
import { PAYMENT_MESSAGES as M } from './messages';

export const receiptRefSchema = z.object({ paymentId: z.uuid({ error: M.paymentId }) }).strict();

export interface ReceiptDocument {
  fileName: string;
  fileId: string;
  data: ReceiptData;
}

const PART_ORDER: Record<AllocationPart, number> = { INTEREST: 0, INDEMNITY: 1, PRINCIPAL: 2, CREDIT: 3 };

/**
 * The receipt (quittance, CPCE R124-6) of one payment, or the document cancelling it for a reversal, with the
 * figures of the day it was recorded: how it was imputed and what the file still owed after it. Another
 * agency's or creditor's payment is not found.
 */
export async function receiptData({
  actor,
  paymentId,
  ip,
}: {
  actor: Actor;
  paymentId: unknown;
  ip?: string;
}): Promise<ReceiptDocument> {
  authorize(actor, 'files.read');
  const ref = parseInput(receiptRefSchema, { paymentId });
  return inTenant(scopeOf(actor), async (tx) => {
    const document = await receiptIn(tx, actor.tenantId, ref.paymentId, actor.creditorId ?? null);
    if (!document) throw AppError.notFound();
    await recordAudit(tx, actor, {
      action: 'payment.receipt_printed',
      entity: 'payment',
      entityId: ref.paymentId,
      ip,
      details: { fileId: document.fileId, receiptNumber: document.data.receiptNumber },
    });
    return document;
  });
}

/**
 * The receipt inside a transaction already in the tenant: for the download above and for the receipt issued when
 * the payment is recorded (./issue-receipt.ts). Null when the payment is not the agency's (or the creditor's).
 */
export async function receiptIn(
  tx: Tx,
  tenantId: string,
  paymentId: string,
  creditorId: string | null,
  now: Date = new Date(),
): Promise<ReceiptDocument | null> {
  const payment = await tx.payment.findFirst({
    where: {
      tenantId: tenantId,
      id: paymentId,
      ...(creditorId ? { creditorId } : {}),
    },
    include: {
      allocations: { include: { claim: { select: { invoiceNumber: true, dueOn: true } } } },
      reverses: { select: { receiptNumber: true, recordedAt: true } },
    },
  });
  if (!payment) return null;
  const file = await tx.caseFile.findFirstOrThrow({ where: { tenantId: tenantId, id: payment.fileId } });
  const clock = await agencyClock(tx, tenantId, now);
  const agency = await agencyIdentity(tx, tenantId);
  const creditor = await creditorParty(tx, tenantId, file.creditorId);
  const { addressee, locale } = await debtorAddressee(tx, file);
  const issuedOn = dayIn(clock.timeZone, payment.recordedAt);

  const ledger = await ledgerUntil(tx, file, payment);
  const after = await balancesOn(tx, file, issuedOn, ledger);

  // A reversal carries negative amounts; its document repeats the cancelled figures as they were.
  const sign = payment.amountCents < 0n ? -1 : 1;
  const allocations: AllocationLine[] = [...payment.allocations]
    .sort(
      (a, b) =>
        (a.claim?.dueOn.getTime() ?? Infinity) - (b.claim?.dueOn.getTime() ?? Infinity) ||
        PART_ORDER[a.part] - PART_ORDER[b.part],
    )
    .map((a) => ({
      invoiceNumber: a.claim?.invoiceNumber ?? null,
      part: a.part,
      amountCents: sign * Number(a.amountCents),
    }));
  const signatory = payment.recordedBy
    ? await tx.$queryRaw<{ name: string }[]>`
        SELECT i.name FROM membership m JOIN identity i ON i.id = m.identity_id
         WHERE m.tenant_id = ${tenantId}::uuid AND m.id = ${payment.recordedBy}::uuid`
    : [];

  return {
    fileName: safeFileName(`quittance-${payment.receiptNumber}.pdf`),
    fileId: file.id,
    data: {
      locale,
      receiptNumber: payment.receiptNumber,
      date: issuedOn,
      agency,
      creditor,
      debtor: addressee,
      file: { reference: file.reference },
      currency: payment.currency,
      payment: {
        receivedOn: dayOf(payment.receivedOn),
        amountCents: sign * Number(payment.amountCents),
        method: payment.method,
        reference: payment.reference,
      },
      allocations,
      balanceAfterCents: after.estimated ? null : after.totals.totalDueCents,
      reversal: payment.reverses
        ? {
            receiptNumber: payment.reverses.receiptNumber,
            date: dayIn(clock.timeZone, payment.reverses.recordedAt),
            reason: payment.note,
          }
        : null,
      signatory: signatory[0] ? { name: signatory[0].name } : null,
    },
  };
}
