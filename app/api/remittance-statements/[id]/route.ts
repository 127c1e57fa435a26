import { getLocale } from 'next-intl/server';
import { downloadRoute } from '@/lib/http/download';
import { toLocale } from '@/lib/i18n/locales';
import { renderRemittanceStatement } from '@/lib/letters/remittance-statement';
import { statementDocument } from '@/lib/remittances/statement-data';

/** A remittance statement as a PDF, for a manager or the creditor it is addressed to; anyone else gets a 404. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const document = await statementDocument({ actor, transferId: id, ip, locale: toLocale(await getLocale()) });
  const pdf = await renderRemittanceStatement(document.data);
  return { name: document.fileName, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
});
