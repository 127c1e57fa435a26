import { drawDebtLetter } from './debt-letter';
import { renderToBuffer } from './layout';
import { firstLetterRecall, longDate, money } from './letter-parts';
import type { LetterData } from './types';

/** Simple amicable reminder (relance simple) with every CPCE R124-4 mention. Returns the pages it took. */
export function drawReminder(doc: PDFKit.PDFDocument, data: LetterData): number {
  const fr = data.locale === 'fr';
  const later = !!data.firstLetter;
  const due = money(data, data.totals.dueCents);
  return drawDebtLetter(doc, data, {
    subject: fr
      ? later
        ? 'Relance — demande de paiement'
        : 'Demande de paiement'
      : later
        ? 'Reminder — request for payment'
        : 'Request for payment',
    situation: [
      ...firstLetterRecall(data),
      {
        text: fr
          ? 'À ce jour, les sommes détaillées ci-dessous restent impayées.'
          : 'The amounts set out below remain unpaid to date.',
      },
    ],
    request: [
      fr
        ? [
            { text: 'Nous vous demandons de bien vouloir régler la somme de ' },
            { text: due, bold: true },
            {
              text: data.deadline
                ? ` au plus tard le ${longDate(data, data.deadline)}, selon les modalités ci-dessous.`
                : ' dès réception de ce courrier, selon les modalités ci-dessous.',
            },
            { text: ' Si votre règlement a croisé ce courrier, merci de ne pas en tenir compte.' },
          ]
        : [
            { text: 'Please pay the sum of ' },
            { text: due, bold: true },
            {
              text: data.deadline
                ? ` by ${longDate(data, data.deadline)}, as set out below.`
                : ' on receipt of this letter, as set out below.',
            },
            { text: ' If your payment has crossed with this letter, please disregard it.' },
          ],
    ],
  });
}

export async function renderReminder(data: LetterData): Promise<Buffer> {
  return renderToBuffer(
    {
      title: `${data.locale === 'fr' ? 'Relance' : 'Reminder'} ${data.reference}`,
      author: data.agency.legalName,
      locale: data.locale,
      date: data.date,
    },
    (doc) => drawReminder(doc, data),
  );
}
