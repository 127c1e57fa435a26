import { downloadRoute } from '@/lib/http/download';
import { renderReceipt } from '@/lib/letters/receipt';
import { receiptData } from '@/lib/payments/receipt-data';

/** The receipt (quittance) of a payment as a PDF download; another agency's or creditor's payment is a 404. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const document = await receiptData({ actor, paymentId: id, ip });
  const pdf = await renderReceipt(document.data);
  return { name: document.fileName, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
});
