import { drawDebtLetter } from './debt-letter';
import { formatDateShort } from './format';
import { renderToBuffer } from './layout';
import { firstLetterRecall, longDate, money } from './letter-parts';
import type { JudicialProcedure, LetterLocale, PreJudicialWarningData } from './types';

/*
 * The warning the debtor always gets before any judicial action (DOMAIN.md, ethics): what the creditor intends,
 * by when the debtor can still pay or agree a plan, and that the agency remains open to an amicable solution.
 */

const PROCEDURES: Record<LetterLocale, Record<JudicialProcedure | 'undecided', string>> = {
  fr: {
    injunction: "une procédure d'injonction de payer devant la juridiction compétente",
    'small-claims':
      'la procédure simplifiée de recouvrement des petites créances, conduite par un commissaire de justice',
    summons: 'une action en paiement devant la juridiction compétente',
    undecided: "une action en justice afin d'obtenir le paiement",
  },
  en: {
    injunction: 'an order-for-payment procedure (injonction de payer) before the competent court',
    'small-claims':
      'the simplified procedure for the recovery of small claims, conducted by a commissaire de justice (judicial officer)',
    summons: 'a claim for payment before the competent court',
    undecided: 'legal proceedings to obtain payment',
  },
};

export function drawPreJudicialWarning(doc: PDFKit.PDFDocument, data: PreJudicialWarningData): number {
  const fr = data.locale === 'fr';
  const due = money(data, data.totals.dueCents);
  const deadline = longDate(data, data.deadline);
  const procedure = PROCEDURES[data.locale][data.procedure ?? 'undecided'];
  const previous = data.previousNotice;
  return drawDebtLetter(doc, data, {
    subject: fr ? 'Information préalable à une action en justice' : 'Notice before legal action',
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
      ...(previous
        ? [
            {
              text: fr
                ? `Une mise en demeure vous a été adressée le ${longDate(data, previous.date)} (référence ${previous.reference}). `
                : `A formal notice was sent to you on ${longDate(data, previous.date)} (reference ${previous.reference}). `,
            },
          ]
        : []),
      {
        text: fr
          ? 'Les sommes détaillées ci-dessous restent impayées à ce jour.'
          : 'The amounts set out below remain unpaid to date.',
      },
    ],
    request: [
      fr
        ? [
            { text: "Nous vous informons qu'à défaut de paiement de la somme de " },
            { text: due, bold: true },
            { text: ", ou d'accord avec nous, avant le " },
            { text: `${deadline},`, bold: true },
            { text: ` notre mandant envisage d'engager ${procedure}.` },
          ]
        : [
            { text: 'Please note that unless the sum of ' },
            { text: due, bold: true },
            { text: ' is paid, or an arrangement is agreed with us, by ' },
            { text: `${deadline},`, bold: true },
            { text: ` our client intends to start ${procedure}.` },
          ],
      [
        {
          text: fr
            ? 'Ce courrier a pour objet de vous en informer avant toute démarche judiciaire et de vous permettre de régulariser la situation. Nous restons à votre disposition pour rechercher avec vous une solution amiable.'
            : 'We are writing to inform you before any court action is taken and to give you the opportunity to settle the matter. We remain available to look for an amicable solution with you.',
        },
      ],
    ],
  });
}

export async function renderPreJudicialWarning(data: PreJudicialWarningData): Promise<Buffer> {
  return renderToBuffer(
    {
      title: `${data.locale === 'fr' ? 'Avertissement avant action en justice' : 'Notice before legal action'} ${data.reference}`,
      author: data.agency.legalName,
      locale: data.locale,
      date: data.date,
    },
    (doc) => drawPreJudicialWarning(doc, data),
  );
}
