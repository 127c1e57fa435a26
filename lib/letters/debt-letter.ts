import { checkLetterData } from './checks';
import {
  closing,
  drawFirstPage,
  finishLetter,
  paragraph,
  referenceLines,
  salutation,
  startLetter,
  type Span,
} from './layout';
import {
  agencyAndCreditor,
  claimsBreakdown,
  helpParagraph,
  legalNotice,
  paymentBlock,
  runningHeader,
  subjectWithFile,
} from './letter-parts';
import type { LetterData, RegisteredMail } from './types';

export interface DebtLetterParts {
  subject: string;
  registeredMail?: RegisteredMail | null;
  /** Extra reference lines (an earlier formal notice). */
  extraReferences?: [string, string][];
  /** Sentences after "X collects amicably on behalf of Y": what happened so far. */
  situation: Span[];
  /** Paragraphs between the claims table and the payment block: the request to pay, its deadline, consequences. */
  request: Span[][];
}

/**
 * The skeleton every letter asking a debtor to pay shares, in the order R124-4 lists its mentions: agency and
 * creditor, claim breakdown, request and means of payment, then an offer to talk and the L111-8 text.
 */
export function drawDebtLetter(doc: PDFKit.PDFDocument, data: LetterData, parts: DebtLetterParts): number {
  checkLetterData(data);
  const first = startLetter(doc);
  drawFirstPage(doc, {
    agency: data.agency,
    locale: data.locale,
    addressee: data.debtor,
    date: data.date,
    place: data.place,
    references: [
      ...referenceLines(data.locale, {
        file: data.file.reference,
        letter: data.reference,
        creditorReference: data.file.creditorReference,
        firstLetter: data.firstLetter,
      }),
      ...(parts.extraReferences ?? []),
    ],
    registeredMail: parts.registeredMail,
    subject: subjectWithFile(parts.subject, data),
    debtorPageUrl: data.debtorPageUrl,
  });
  salutation(doc, data.locale);
  paragraph(doc, [...agencyAndCreditor(data), ...parts.situation]);
  claimsBreakdown(doc, data);
  for (const p of parts.request) paragraph(doc, p);
  paymentBlock(doc, data, { amountCents: data.totals.dueCents });
  helpParagraph(doc, data);
  closing(doc, data.locale, data.agency, data.signatory);
  legalNotice(doc, data.locale);
  return finishLetter(doc, first, { agency: data.agency, locale: data.locale, runningHeader: runningHeader(data) });
}
