import { getLocale } from 'next-intl/server';
import { downloadRoute } from '@/lib/http/download';
import { toLocale } from '@/lib/i18n/locales';
import { renderFacturX } from '@/lib/invoices/factur-x';
import { invoiceDocument } from '@/lib/invoices/queries';

/**
 * A commission invoice or credit note as a Factur-X (a PDF/A-3 carrying its EN 16931 CII XML), for a manager or the
 * creditor it is addressed to; anyone else gets a 404.
 */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const document = await invoiceDocument({ actor, invoiceId: id, ip, locale: toLocale(await getLocale()) });
  const pdf = await renderFacturX(document.data);
  return { name: document.fileName, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
});
