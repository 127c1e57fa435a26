import type { Tx } from '../db/tenant';
import type { BatchItem } from '../letters/batch';
import { formatDateLong, formatMoney } from '../letters/format';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translate';
import { renderReceipt } from '../letters/receipt';
import { derivedKey, storeBuffer } from '../storage/documents';
import { queueMail } from '../outbox/queue-mail';
import { debtorChannel } from './debtor-channel';
import { receiptIn } from './receipt-data';

export interface IssuedReceipt {
  channel: 'EMAIL' | 'POST' | 'NONE';
  recipient: string | null;
  documentId: string | null;
  /** The outbox row to hand to the sender once the payment's transaction has committed. */
  messageId: string | null;
}

/** The e-mail that carries the receipt, in the debtor's language (messages/*.json emails.receipt). Plain and factual (DOMAIN.md ethics). */
export function receiptMail(
  locale: Locale,
  r: { receiptNumber: string; amount: string; receivedOn: string; fileReference: string; agencyName: string },
) {
  const t = translatorFor(locale, 'emails');
  return { subject: t('receipt.subject', r), body: t('receipt.body', r) };
}

/**
 * CPCE R124-6: the agency gives the debtor a receipt for every payment. Issued in the payment's own transaction:
 * the receipt's PDF is stored as a document of the file, then
 * - e-mailed when the debtor has a usable e-mail address (an outbox row with the PDF attached, sent after COMMIT
 *   under the key `receipt:<payment>`, so a retry sends it once);
 * - otherwise posted when there is a usable postal address (the document carries its letter data, so the next
 *   print run takes it, and it is dated by that run's posting);
 * - otherwise recorded as not sent (NONE): the agent sees it on the timeline and can still download it.
 * Which receipt, when and how is the receipt_issue row; the timeline line says it in the reader's language.
 */
export async function issueReceipt(
  tx: Tx,
  { tenantId, paymentId, now }: { tenantId: string; paymentId: string; now: Date },
): Promise<IssuedReceipt> {
  const receipt = await receiptIn(tx, tenantId, paymentId, null, now);
  if (!receipt) throw new Error(`payment ${paymentId} not found for its receipt`);
  const { data, fileId } = receipt;
  const file = await tx.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: fileId } } });
  const { channel, recipient, contactPointId } = await debtorChannel(tx, file);

  const pdf = await renderReceipt(data);
  const storageKey = derivedKey(tenantId, 'documents', `receipt:${paymentId}`);
  const stored = await storeBuffer(storageKey, pdf);
  const item: BatchItem = { kind: 'receipt', data };
  const document = await tx.document.create({
    data: {
      tenantId,
      fileId,
      kind: 'RECEIPT',
      locale: data.locale,
      storageKey,
      sha256: stored.sha256,
      reference: data.receiptNumber,
      executionKey: `receipt:${paymentId}`,
      // Only a posted receipt goes into a print run.
      letterData: channel === 'POST' ? (item as object) : undefined,
      createdAt: now,
    },
    select: { id: true },
  });

  const messageId =
    channel === 'EMAIL'
      ? await queueMail(tx, {
          tenantId,
          fileId,
          recipient: recipient!,
          contactPointId,
          locale: data.locale,
          ...receiptMail(data.locale, {
            receiptNumber: data.receiptNumber,
            amount: formatMoney(data.payment.amountCents, data.currency, data.locale),
            receivedOn: formatDateLong(data.payment.receivedOn, data.locale),
            fileReference: data.file.reference,
            agencyName: data.agency.legalName,
          }),
          executionKey: `receipt:${paymentId}`,
          documentId: document.id,
          now,
        })
      : null;
  await tx.receiptIssue.create({
    data: { tenantId, paymentId, fileId, channel, recipient, documentId: document.id, messageId, issuedAt: now },
  });
  return { channel, recipient, documentId: document.id, messageId };
}
