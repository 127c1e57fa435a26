import { addressOneLine, formatDateLong, formatDateShort, formatMoney } from '../letters/format';
import {
  CONTENT_WIDTH,
  MARGIN,
  SIZE,
  COLOR,
  drawFirstPage,
  ensureSpace,
  finishLetter,
  paragraph,
  renderToBuffer,
  startLetter,
  table,
  text,
  type Column,
  type Row,
} from '../letters/layout';
import type { AgencyIdentity, IsoDate, LetterLocale } from '../letters/types';
import { invoiceNumberText, vatBreakdown } from './rules';
import type { InvoiceBuyer, InvoiceLine, InvoiceSeller } from './schemas';

/*
 * The commission invoice (facture) or credit note (avoir) as a PDF, with what French law wants on it: the seller's
 * name, legal form and capital, address, SIREN, RCS and VAT number (Code de commerce R123-237, CGI annexe II art.
 * 242 nonies A), the buyer's name, address and VAT number, a number from the agency's one unbroken sequence, the
 * issue date and the service's dates, one line per payment the commission is earned on (before tax, rate, tax), the
 * totals before tax, per VAT rate and tax included, the due date, the payment terms, that no discount is given for
 * early payment, the late-payment penalty rate and the €40 recovery indemnity (Code de commerce L441-9, L441-10,
 * D441-5). A credit note names the invoice it corrects. Fonts are embedded: this PDF becomes a Factur-X (PDF/A-3).
 */

export interface InvoiceDocumentData {
  locale: LetterLocale;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  number: number;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  mode: 'NET' | 'GROSS';
  /** The remittance that issued it; null for commission on money paid straight to the creditor (decision 0022). */
  runNumber: number | null;
  /** A credit note's invoice (the latest it corrects; each line names its own). */
  corrects: { number: number; issuedOn: IsoDate } | null;
  seller: InvoiceSeller;
  buyer: InvoiceBuyer;
  lines: InvoiceLine[];
  netCents: number;
  vatCents: number;
  totalCents: number;
  settledCents: number;
  currency: string;
}

const percent = (bps: number, locale: LetterLocale) =>
  `${(bps / 100).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 })} %`;

/** The title, as the document and its file name say it. */
export function invoiceTitle(d: Pick<InvoiceDocumentData, 'kind' | 'number' | 'locale'>): string {
  const n = invoiceNumberText(d.number);
  if (d.locale === 'fr') return d.kind === 'INVOICE' ? `Facture n° ${n}` : `Avoir n° ${n}`;
  return d.kind === 'INVOICE' ? `Invoice no. ${n}` : `Credit note no. ${n}`;
}

/** The seller's identity as the footer of every page prints it. */
export function sellerLines(seller: InvoiceSeller, locale: LetterLocale): string[] {
  const fr = locale === 'fr';
  const capital =
    seller.legalForm && seller.shareCapitalCents !== null
      ? fr
        ? `${seller.legalForm} au capital de ${formatMoney(seller.shareCapitalCents, 'EUR', locale)}`
        : `${seller.legalForm} with a share capital of ${formatMoney(seller.shareCapitalCents, 'EUR', locale)}`
      : seller.legalForm;
  return [
    [seller.legalName, capital, addressOneLine(seller.address)].filter(Boolean).join(' — '),
    [`SIREN ${seller.siren}`, seller.rcs, `${fr ? 'N° TVA intracommunautaire' : 'EU VAT no.'} ${seller.vatNumber}`]
      .filter(Boolean)
      .join(' — '),
  ];
}

export function drawInvoice(doc: PDFKit.PDFDocument, d: InvoiceDocumentData): number {
  const fr = d.locale === 'fr';
  const m = (cents: number) => formatMoney(cents, d.currency, d.locale);
  const day = (on: IsoDate) => formatDateShort(on, d.locale);
  const credit = d.kind === 'CREDIT_NOTE';
  const title = invoiceTitle(d);
  const agency: AgencyIdentity = {
    name: d.seller.name,
    legalName: d.seller.legalName,
    siren: d.seller.siren,
    address: d.seller.address,
    iban: '',
  };
  const first = startLetter(doc);
  drawFirstPage(doc, {
    agency,
    locale: d.locale,
    addressee: {
      name: d.buyer.name,
      kind: 'COMPANY',
      address: { lines: d.buyer.address, postcode: d.buyer.postcode, city: d.buyer.city },
    },
    date: d.issuedOn,
    references: [
      [
        credit ? (fr ? 'Avoir n° :' : 'Credit note:') : fr ? 'Facture n° :' : 'Invoice no.:',
        invoiceNumberText(d.number),
      ],
      [fr ? 'Date d’émission :' : 'Issued on:', day(d.issuedOn)],
      ...(d.runNumber !== null
        ? ([[fr ? 'Reversement n° :' : 'Remittance no.:', String(d.runNumber)]] as [string, string][])
        : []),
      ...(d.corrects
        ? ([
            [
              fr ? 'Facture corrigée :' : 'Invoice corrected:',
              `${invoiceNumberText(d.corrects.number)} ${fr ? 'du' : 'of'} ${day(d.corrects.issuedOn)}`,
            ],
          ] as [string, string][])
        : []),
      ...(d.buyer.siren ? ([[fr ? 'SIREN client :' : 'Client SIREN:', d.buyer.siren]] as [string, string][]) : []),
      ...(d.buyer.vatNumber
        ? ([[fr ? 'TVA client :' : 'Client VAT no.:', d.buyer.vatNumber]] as [string, string][])
        : []),
    ],
    subject: `${title} — ${fr ? 'commission de recouvrement' : 'debt collection commission'}`,
  });

  const period = `${formatDateLong(d.periodFrom, d.locale)} ${fr ? 'au' : 'to'} ${formatDateLong(d.periodTo, d.locale)}`;
  paragraph(
    doc,
    d.runNumber === null
      ? credit
        ? fr
          ? `Avoir de la commission reprise sur les paiements directs annulés ci-dessous (reçus par vous du ${period}).`
          : `Credit note for the commission taken back on the direct payments reversed below (received by you ${period}).`
        : fr
          ? `Commission de recouvrement sur les sommes que les débiteurs vous ont payées directement du ${period} (date de la prestation : date de chaque paiement), selon les conditions de votre mandat.`
          : `Debt collection commission on the sums debtors paid you directly from ${period} (date of service: each payment's date), under the terms of your mandate.`
      : credit
        ? fr
          ? `Avoir de la commission reprise sur les paiements annulés ci-dessous (encaissés du ${period}), imputé lors du reversement n° ${d.runNumber}.`
          : `Credit note for the commission taken back on the payments reversed below (received ${period}), applied with remittance no. ${d.runNumber}.`
        : fr
          ? `Commission de recouvrement sur les sommes encaissées pour votre compte du ${period} (date de la prestation : date de chaque encaissement), selon les conditions de votre mandat, reversées avec le reversement n° ${d.runNumber}.`
          : `Debt collection commission on the sums collected on your behalf from ${period} (date of service: each collection's date), under the terms of your mandate, remitted with remittance no. ${d.runNumber}.`,
  );

  const widths = [58, 96, 50, 58, 40, 60, 36, 50];
  const headers = fr
    ? ['Dossier', 'Débiteur', 'Encaissé le', 'Base', 'Taux', 'Commission HT', 'TVA', 'Montant TVA']
    : ['File', 'Debtor', 'Received', 'Base', 'Rate', 'Commission', 'VAT', 'VAT amount'];
  const columns: Column[] = headers.map((header, i) => ({
    header,
    width: (widths[i]! * CONTENT_WIDTH) / widths.reduce((s, w) => s + w, 0),
    ...(i >= 3 ? { align: 'right' as const } : {}),
  }));
  const rows: Row[] = d.lines.map((l) => ({
    cells: [
      l.fileReference,
      l.debtor,
      day(l.receivedOn),
      m(l.baseCents),
      percent(l.rateBps, d.locale),
      m(l.commissionCents),
      percent(l.vatRateBps, d.locale),
      m(l.vatCents),
    ],
    note:
      [
        l.feeCents > 0 ? `${fr ? 'dont frais fixes' : 'of which fixed fees'} ${m(l.feeCents)}` : '',
        l.correctsNumber ? `${fr ? 'facturé sur' : 'billed on'} ${invoiceNumberText(l.correctsNumber)}` : '',
      ]
        .filter(Boolean)
        .join(' — ') || null,
  }));
  table(doc, columns, rows, { size: SIZE.small - 0.6, noteSpan: 3 });

  const summary: [string, string, boolean][] = [[fr ? 'Total HT' : 'Total before tax', m(d.netCents), false]];
  for (const v of vatBreakdown(d.lines)) {
    summary.push([
      `${fr ? 'TVA' : 'VAT'} ${percent(v.rateBps, d.locale)} ${fr ? 'sur' : 'on'} ${m(v.baseCents)}`,
      m(v.vatCents),
      false,
    ]);
  }
  summary.push([fr ? 'Total TTC' : 'Total incl. VAT', m(d.totalCents), true]);
  if (!credit && d.settledCents > 0) {
    summary.push([
      fr ? `Réglé par compensation (reversement n° ${d.runNumber})` : `Settled by set-off (remittance ${d.runNumber})`,
      `- ${m(d.settledCents)}`,
      false,
    ]);
  }
  const due = d.totalCents - d.settledCents;
  summary.push(
    credit
      ? [fr ? 'Montant de l’avoir en votre faveur' : 'Credited to you', m(d.totalCents), true]
      : [fr ? 'Net à payer' : 'Amount due', m(due), true],
  );
  ensureSpace(doc, summary.length * 13 + 10);
  for (const [label, value, bold] of summary) {
    const y = doc.y;
    text(doc, label, MARGIN.left + CONTENT_WIDTH - 300, y, {
      size: SIZE.body,
      width: 205,
      lineBreak: false,
      ...(bold ? { font: 'bold' as const } : {}),
    });
    text(doc, value, MARGIN.left + CONTENT_WIDTH - 90, y, { font: 'bold', size: SIZE.body, width: 90, align: 'right' });
    doc.y += 3;
  }
  doc.x = MARGIN.left;
  doc.y += 8;

  const terms: string[] = credit
    ? [
        fr
          ? `Cet avoir annule la commission facturée sur les paiements ci-dessus, annulés depuis. Son montant est déduit de ce que vous nous devez ou vous est reversé.`
          : `This credit note cancels the commission billed on the payments above, since reversed. Its amount is deducted from what you owe us or paid back to you.`,
      ]
    : [
        due === 0
          ? fr
            ? `Facture acquittée le ${formatDateLong(d.issuedOn, d.locale)} par compensation sur les fonds reversés.`
            : `Invoice paid on ${formatDateLong(d.issuedOn, d.locale)} by set-off against the funds remitted.`
          : fr
            ? `Date d’échéance : ${formatDateLong(d.dueOn, d.locale)} (${d.seller.paymentDays} jours à compter de la date de facture), paiement par virement.`
            : `Due date: ${formatDateLong(d.dueOn, d.locale)} (${d.seller.paymentDays} days from the invoice date), payment by bank transfer.`,
        fr ? 'Pas d’escompte pour paiement anticipé.' : 'No discount for early payment.',
        fr
          ? 'En cas de retard de paiement, des pénalités sont exigibles sans rappel au taux d’intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points (article L441-10 du Code de commerce), ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € (article D441-5 du Code de commerce).'
          : 'Late payment incurs, without reminder, penalties at the European Central Bank’s most recent refinancing rate plus 10 percentage points (French Commercial Code, art. L441-10) and a fixed recovery indemnity of €40 (art. D441-5).',
      ];
  for (const line of terms) paragraph(doc, line, { size: SIZE.small, color: COLOR.muted });

  return finishLetter(doc, first, {
    agency,
    locale: d.locale,
    runningHeader: title,
    footer: sellerLines(d.seller, d.locale),
  });
}

/** The invoice as a PDF with its fonts embedded (the visual part of the Factur-X). */
export async function renderInvoicePdf(d: InvoiceDocumentData): Promise<Buffer> {
  return renderToBuffer(
    { title: invoiceTitle(d), author: d.seller.legalName, locale: d.locale, date: d.issuedOn, embedFonts: true },
    (doc) => {
      drawInvoice(doc, d);
    },
  );
}
