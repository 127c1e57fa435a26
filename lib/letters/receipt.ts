import { amountInWords } from './amount-in-words';
import { checkReceiptData } from './checks';
import { addressOneLine, formatDateLong, formatDateShort, formatMoney } from './format';
import {
  COLOR,
  CONTENT_WIDTH,
  MARGIN,
  SIZE,
  closing,
  drawFirstPage,
  ensureSpace,
  finishLetter,
  heading,
  paragraph,
  renderToBuffer,
  startLetter,
  table,
  text,
  type Column,
  type Row,
} from './layout';
import type { AllocationPart, LetterLocale, PaymentMethod, ReceiptData } from './types';

/*
 * Quittance: "une quittance est remise au débiteur pour tout paiement" (CPCE R124-6). It states who received how
 * much, when and how, for which file, how the payment was allocated — interest before principal (Code civil
 * 1343-1), and unless the debtor said otherwise due invoices first, the dearest, then the oldest, then in proportion
 * (1342-10, lib/payments/allocation.ts) — and what remains owed. Payments are never
 * edited: a reversal gets its own document cancelling the earlier receipt.
 */

const METHODS: Record<LetterLocale, Record<PaymentMethod, string>> = {
  fr: {
    TRANSFER: 'Virement',
    CHEQUE: 'Chèque',
    CARD: 'Carte bancaire',
    DIRECT_DEBIT: 'Prélèvement',
    DIRECT_TO_CREDITOR: 'Paiement direct au créancier',
  },
  en: {
    TRANSFER: 'Bank transfer',
    CHEQUE: 'Cheque',
    CARD: 'Card',
    DIRECT_DEBIT: 'Direct debit',
    DIRECT_TO_CREDITOR: 'Paid directly to the creditor',
  },
};

const PARTS: Record<LetterLocale, Record<AllocationPart, string>> = {
  fr: {
    INTEREST: 'Intérêts',
    INDEMNITY: 'Indemnité forfaitaire de recouvrement',
    PRINCIPAL: 'Principal',
    CREDIT: 'Avoir conservé sur le dossier',
  },
  en: {
    INTEREST: 'Interest',
    INDEMNITY: 'Fixed recovery indemnity',
    PRINCIPAL: 'Principal',
    CREDIT: 'Credit held on the file',
  },
};

export function paymentMethodLabel(method: PaymentMethod, locale: LetterLocale): string {
  return METHODS[locale][method];
}

export function drawReceipt(doc: PDFKit.PDFDocument, data: ReceiptData): number {
  checkReceiptData(data);
  const fr = data.locale === 'fr';
  const m = (cents: number) => formatMoney(cents, data.currency, data.locale);
  const reversal = data.reversal ?? null;
  const payer = data.payerName?.trim() || data.debtor.name;
  const first = startLetter(doc);

  const references: [string, string][] = [
    [fr ? 'Dossier n° :' : 'File no.:', data.file.reference],
    [reversal ? (fr ? 'Pièce n° :' : 'Document no.:') : fr ? 'Quittance n° :' : 'Receipt no.:', data.receiptNumber],
  ];
  if (reversal) {
    references.push([
      fr ? 'Quittance annulée :' : 'Cancelled receipt:',
      `${reversal.receiptNumber} ${fr ? 'du' : 'of'} ${formatDateShort(reversal.date, data.locale)}`,
    ]);
  }
  drawFirstPage(doc, {
    agency: data.agency,
    locale: data.locale,
    addressee: data.debtor,
    date: data.date,
    place: data.place,
    references,
    subject: reversal
      ? fr
        ? `Annulation de la quittance n° ${reversal.receiptNumber}`
        : `Cancellation of receipt no. ${reversal.receiptNumber}`
      : fr
        ? `Quittance n° ${data.receiptNumber}`
        : `Receipt no. ${data.receiptNumber}`,
  });

  const amount = m(data.payment.amountCents);
  const words = data.currency === 'EUR' ? amountInWords(data.payment.amountCents, data.locale) : null;
  const creditor = `${data.creditor.name}, ${addressOneLine(data.creditor.address)}`;
  if (reversal) {
    paragraph(doc, [
      {
        text: fr
          ? `La quittance n° ${reversal.receiptNumber} du ${formatDateLong(reversal.date, data.locale)}, délivrée pour le paiement ci-dessous, est annulée`
          : `Receipt no. ${reversal.receiptNumber} of ${formatDateLong(reversal.date, data.locale)}, issued for the payment below, is cancelled`,
      },
      { text: reversal.reason ? ` (${reversal.reason}).` : '.' },
      {
        text: fr
          ? " Ce paiement n'est plus porté au crédit de votre dossier et les sommes correspondantes redeviennent dues."
          : ' This payment is no longer credited to your file and the corresponding amounts are owed again.',
      },
    ]);
  } else if (data.payment.method === 'DIRECT_TO_CREDITOR') {
    paragraph(
      doc,
      fr
        ? `${data.agency.legalName}, société de recouvrement amiable agissant pour le compte de ${creditor}, atteste que le paiement suivant, reçu directement par le créancier de la part de ${payer}, a été porté au crédit de votre dossier :`
        : `${data.agency.legalName}, an amicable debt collection agency acting on behalf of ${creditor}, confirms that the following payment, received directly by the creditor from ${payer}, has been credited to your file:`,
    );
  } else {
    paragraph(
      doc,
      fr
        ? `${data.agency.legalName}, société de recouvrement amiable agissant pour le compte de ${creditor}, reconnaît avoir reçu de ${payer} la somme de :`
        : `${data.agency.legalName}, an amicable debt collection agency acting on behalf of ${creditor}, acknowledges receipt from ${payer} of the sum of:`,
    );
  }

  // The amount in figures and in words, as on a cheque.
  ensureSpace(doc, 50);
  const boxTop = doc.y;
  const boxHeight = words ? 40 : 28;
  doc.save().rect(MARGIN.left, boxTop, CONTENT_WIDTH, boxHeight).fill(COLOR.shade).restore();
  text(doc, reversal ? `${fr ? 'Montant annulé' : 'Amount cancelled'} : ${amount}` : amount, MARGIN.left, boxTop + 8, {
    font: 'bold',
    size: 14,
    width: CONTENT_WIDTH,
    align: 'center',
  });
  if (words) {
    text(doc, `(${words})`, MARGIN.left + 10, doc.y + 2, {
      font: 'italic',
      size: SIZE.small + 0.5,
      width: CONTENT_WIDTH - 20,
      align: 'center',
    });
  }
  doc.x = MARGIN.left;
  doc.y = boxTop + boxHeight + 10;

  const details: [string, string][] = [
    [fr ? 'Date de réception' : 'Date received', formatDateLong(data.payment.receivedOn, data.locale)],
    [fr ? 'Mode de paiement' : 'Payment method', METHODS[data.locale][data.payment.method]],
  ];
  if (data.payment.reference)
    details.push([fr ? 'Référence du paiement' : 'Payment reference', data.payment.reference]);
  if (payer !== data.debtor.name) details.push([fr ? 'Versé par' : 'Paid by', payer]);
  details.push([fr ? 'Dossier' : 'File', data.file.reference]);
  for (const [label, value] of details) {
    const y = doc.y;
    text(doc, label, MARGIN.left, y, { size: SIZE.small + 0.5, color: COLOR.muted, width: 130, lineBreak: false });
    text(doc, value, MARGIN.left + 130, y, { size: SIZE.small + 0.5, width: CONTENT_WIDTH - 130 });
    doc.y += 2;
  }
  doc.y += 8;

  heading(
    doc,
    reversal
      ? fr
        ? 'Imputations annulées'
        : 'Allocations cancelled'
      : fr
        ? 'Imputation du paiement'
        : 'Allocation of the payment',
    9.5,
  );
  const sign = reversal ? '- ' : '';
  const columns: Column[] = [
    { header: fr ? 'Facture' : 'Invoice', width: 150 },
    { header: fr ? 'Imputé sur' : 'Allocated to', width: CONTENT_WIDTH - 150 - 110 },
    { header: fr ? 'Montant' : 'Amount', width: 110, align: 'right' },
  ];
  const rows: Row[] = data.allocations.map((line) => ({
    cells: [line.invoiceNumber ?? '—', PARTS[data.locale][line.part], `${sign}${m(line.amountCents)}`],
  }));
  rows.push({ kind: 'bold', cells: ['Total', '', `${sign}${amount}`] });
  rows.push({
    kind: 'total',
    cells: [
      reversal
        ? fr
          ? 'Reste dû après annulation'
          : 'Balance due after cancellation'
        : fr
          ? 'Reste dû après ce paiement'
          : 'Balance due after this payment',
      '',
      data.balanceAfterCents === null
        ? fr
          ? 'communiqué dès la publication du taux'
          : 'sent once the rate is published'
        : m(data.balanceAfterCents),
    ],
  });
  table(doc, columns, rows);

  if (!reversal) {
    paragraph(
      doc,
      fr
        ? "Sauf indication contraire de votre part lors du paiement, il est imputé sur les factures échues, d'abord celles qui portent le taux d'intérêt le plus élevé, puis les plus anciennes, et proportionnellement entre factures égales à ces deux égards (article 1342-10 du Code civil) ; sur chaque facture, les intérêts et l'indemnité passent avant le principal (article 1343-1 du Code civil)."
        : 'Unless you indicated otherwise when paying, it is allocated to invoices already due, first those bearing the highest interest rate, then the oldest, and in proportion between invoices equal on both counts (article 1342-10 of the French Civil Code); on each invoice, interest and indemnity come before principal (article 1343-1 of the French Civil Code).',
      { size: SIZE.small, color: COLOR.muted },
    );
    paragraph(
      doc,
      data.balanceAfterCents === 0
        ? fr
          ? 'Votre dossier est soldé. Nous vous remercions de votre règlement.'
          : 'Your file is now settled. Thank you for your payment.'
        : fr
          ? 'Nous vous remercions de ce règlement.'
          : 'Thank you for this payment.',
    );
  }
  paragraph(
    doc,
    fr
      ? "Document délivré en application de l'article R124-6 du Code des procédures civiles d'exécution (« Une quittance est remise au débiteur pour tout paiement »)."
      : 'Issued under article R124-6 of the French Code of Civil Enforcement Procedures, which requires a receipt for every payment.',
    { size: SIZE.small, color: COLOR.muted },
  );
  closing(doc, data.locale, data.agency, data.signatory, { formula: false });
  const runningHeader = `${data.agency.name} — ${fr ? 'Dossier' : 'File'} ${data.file.reference} — ${data.receiptNumber}`;
  return finishLetter(doc, first, { agency: data.agency, locale: data.locale, runningHeader });
}

export async function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const fr = data.locale === 'fr';
  const title = data.reversal
    ? `${fr ? 'Annulation de la quittance' : 'Cancellation of receipt'} ${data.reversal.receiptNumber}`
    : `${fr ? 'Quittance' : 'Receipt'} ${data.receiptNumber}`;
  return renderToBuffer({ title, author: data.agency.legalName, locale: data.locale, date: data.date }, (doc) =>
    drawReceipt(doc, data),
  );
}
