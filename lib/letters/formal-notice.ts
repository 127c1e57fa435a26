import { drawDebtLetter } from './debt-letter';
import { formatDateShort } from './format';
import { renderToBuffer, type Span } from './layout';
import { costsSplit, firstLetterRecall, invoicesLead, longDate, money } from './letter-parts';
import type { FormalNoticeData } from './types';

/*
 * Mise en demeure (variant 'formal-notice') or reminder by registered letter ('registered-reminder'), usually sent
 * as "lettre recommandée avec accusé de réception". Amounts include interest to date and, for business debtors,
 * the €40 indemnity per invoice. Consequences are stated as facts, without threats (DOMAIN.md, ethics): the
 * creditor may go to court; for a consumer the notice starts legal interest (Code civil 1231-6); between
 * businesses late-payment penalties keep running (Code de commerce L441-10).
 */

function consequences(data: FormalNoticeData): Span[] {
  const fr = data.locale === 'fr';
  const court = fr
    ? "À défaut de paiement ou d'accord à cette date, notre mandant pourra saisir la juridiction compétente afin d'obtenir un titre exécutoire. "
    : 'If the amount is not paid, and no arrangement has been agreed, by that date, our client may apply to the competent court for an enforceable judgment. ';
  const legal = fr
    ? "Conformément à l'article 1231-6 du Code civil, la présente mise en demeure fait courir les intérêts au taux légal sur les sommes dues."
    : 'Under article 1231-6 of the French Civil Code, this formal notice causes interest at the statutory rate to run on the amounts due.';
  const penalties = fr
    ? "Les pénalités de retard continuent de courir jusqu'au complet paiement (article L441-10 du Code de commerce)."
    : 'Late-payment penalties continue to accrue until payment in full (article L441-10 of the French Commercial Code).';
  // Each claim's own nature (issue 14): a file mixing natures says which invoices bear which, never one for all.
  const split = costsSplit(data);
  const lowered = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  const b2b = data.claims.every((c) => c.nature)
    ? data.claims.some((c) => c.nature === 'B2B')
    : data.debtor.kind !== 'PERSON';
  const interest = split
    ? `${invoicesLead(data.locale, split.other)}${lowered(legal)} ${invoicesLead(data.locale, split.professional)}${lowered(penalties)}`
    : b2b
      ? penalties
      : legal;
  return [{ text: court + interest }];
}

export function drawFormalNotice(doc: PDFKit.PDFDocument, data: FormalNoticeData): number {
  const fr = data.locale === 'fr';
  const formal = data.variant === 'formal-notice';
  const due = money(data, data.totals.dueCents);
  const deadline = longDate(data, data.deadline);
  const previous = data.previousNotice;
  const request: Span[][] = formal
    ? [
        fr
          ? [
              { text: 'Par la présente, nous vous mettons en demeure de régler la somme de ' },
              { text: due, bold: true },
              { text: ' au plus tard le ' },
              { text: `${deadline}.`, bold: true },
            ]
          : [
              { text: 'We hereby give you formal notice to pay the sum of ' },
              { text: due, bold: true },
              { text: ' by ' },
              { text: `${deadline}.`, bold: true },
            ],
        consequences(data),
      ]
    : [
        fr
          ? [
              { text: 'Nous vous demandons de régler la somme de ' },
              { text: due, bold: true },
              { text: ' au plus tard le ' },
              { text: `${deadline},`, bold: true },
              { text: ' selon les modalités ci-dessous.' },
            ]
          : [
              { text: 'Please pay the sum of ' },
              { text: due, bold: true },
              { text: ' by ' },
              { text: `${deadline},`, bold: true },
              { text: ' as set out below.' },
            ],
      ];
  return drawDebtLetter(doc, data, {
    subject: fr
      ? formal
        ? 'Mise en demeure de payer'
        : 'Relance par lettre recommandée'
      : formal
        ? 'Formal notice to pay'
        : 'Reminder by registered letter',
    registeredMail: data.registeredMail,
    extraReferences: previous
      ? [
          [
            fr ? 'Mise en demeure :' : 'Formal notice:',
            `${previous.reference} ${fr ? 'du' : 'of'} ${formatDateShort(previous.date, data.locale)}`,
          ],
        ]
      : [],
    situation: [
      ...firstLetterRecall(data),
      {
        text: fr
          ? 'À ce jour, malgré nos démarches, les sommes détaillées ci-dessous restent impayées.'
          : 'To date, despite our letters, the amounts set out below remain unpaid.',
      },
    ],
    request,
  });
}

export async function renderFormalNotice(data: FormalNoticeData): Promise<Buffer> {
  const fr = data.locale === 'fr';
  const title =
    data.variant === 'formal-notice'
      ? fr
        ? 'Mise en demeure'
        : 'Formal notice'
      : fr
        ? 'Relance recommandée'
        : 'Registered reminder';
  return renderToBuffer(
    { title: `${title} ${data.reference}`, author: data.agency.legalName, locale: data.locale, date: data.date },
    (doc) => drawFormalNotice(doc, data),
  );
}
