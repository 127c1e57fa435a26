import { formatDateLong, formatDateShort, formatMoney } from './format';
import {
  CONTENT_WIDTH,
  MARGIN,
  SIZE,
  drawFirstPage,
  finishLetter,
  paragraph,
  renderToBuffer,
  startLetter,
  table,
  text,
  type Column,
  type Row,
} from './layout';
import type { AgencyIdentity, Cents, IsoDate, LetterLocale, PartyAddress } from './types';

/*
 * Relevé de reversement: what the agency pays a creditor out of the creditors'-funds account (CPCE R124-6) and
 * what each payment it holds contributed — file, debtor, invoices, the day the money arrived, the amount, the
 * commission and its VAT, and what is left for the creditor. Net mode takes the commission from the funds; gross
 * mode pays everything and leaves the commission to the agency's invoice.
 */

export interface RemittanceStatementLine {
  fileReference: string;
  debtor: string;
  invoices: string[];
  receivedOn: IsoDate;
  grossCents: Cents;
  commissionCents: Cents;
  vatCents: Cents;
}

export interface RemittanceStatementData {
  locale: LetterLocale;
  date: IsoDate;
  agency: AgencyIdentity;
  creditor: PartyAddress;
  runNumber: number;
  transferReference: string;
  executionOn: IsoDate;
  mode: 'NET' | 'GROSS';
  iban: string;
  lines: RemittanceStatementLine[];
  totals: { grossCents: Cents; commissionCents: Cents; vatCents: Cents; settledCents: Cents; amountCents: Cents };
}

/** The account as a statement prints it: the country and check digits, then only the last four characters. */
export function maskedIban(iban: string): string {
  return `${iban.slice(0, 4)} **** **** ${iban.slice(-4)}`;
}

export function drawRemittanceStatement(doc: PDFKit.PDFDocument, data: RemittanceStatementData): number {
  const fr = data.locale === 'fr';
  const m = (cents: number) => formatMoney(cents, 'EUR', data.locale);
  const net = data.mode === 'NET';
  const first = startLetter(doc);
  drawFirstPage(doc, {
    agency: data.agency,
    locale: data.locale,
    addressee: { ...data.creditor, kind: 'COMPANY' },
    date: data.date,
    references: [
      [fr ? 'Reversement n° :' : 'Remittance no.:', String(data.runNumber)],
      [fr ? 'Virement :' : 'Transfer:', data.transferReference],
    ],
    subject: fr ? `Relevé de reversement n° ${data.runNumber}` : `Remittance statement no. ${data.runNumber}`,
  });
  paragraph(
    doc,
    fr
      ? `Nous vous reversons, par virement SEPA exécuté le ${formatDateLong(data.executionOn, data.locale)} sur votre compte ${maskedIban(data.iban)}, les sommes encaissées pour votre compte détaillées ci-dessous (article R124-6 du code des procédures civiles d'exécution). ${net ? 'Notre commission et sa TVA sont déduites des fonds reversés.' : 'Les fonds sont reversés bruts ; notre commission fait l’objet d’une facture séparée.'}`
      : `We remit to you, by SEPA transfer executed on ${formatDateLong(data.executionOn, data.locale)} to your account ${maskedIban(data.iban)}, the sums collected on your behalf listed below (French Code of civil enforcement procedures, art. R124-6). ${net ? 'Our commission and its VAT are deducted from the funds remitted.' : 'The funds are remitted gross; our commission is invoiced separately.'}`,
  );

  const widths = [60, 92, 74, 48, 54, 52, 44, 57];
  const headers = fr
    ? ['Dossier', 'Débiteur', 'Facture(s)', 'Reçu le', 'Montant', 'Comm. HT', 'TVA', 'Net']
    : ['File', 'Debtor', 'Invoice(s)', 'Received', 'Amount', 'Commission', 'VAT', 'Net'];
  const columns: Column[] = headers.map((header, i) => ({
    header,
    width: (widths[i]! * CONTENT_WIDTH) / widths.reduce((s, w) => s + w, 0),
    ...(i >= 4 ? { align: 'right' as const } : {}),
  }));
  const rows: Row[] = data.lines.map((l) => ({
    cells: [
      l.fileReference,
      l.debtor,
      l.invoices.join(', ') || '—',
      formatDateShort(l.receivedOn, data.locale),
      m(l.grossCents),
      m(l.commissionCents),
      m(l.vatCents),
      m(l.grossCents - l.commissionCents - l.vatCents),
    ],
  }));
  const t = data.totals;
  rows.push({
    kind: 'bold',
    cells: [
      'Total',
      '',
      '',
      '',
      m(t.grossCents),
      m(t.commissionCents),
      m(t.vatCents),
      m(t.grossCents - t.commissionCents - t.vatCents),
    ],
  });
  table(doc, columns, rows, { size: SIZE.small - 0.6 });

  const summary: [string, string][] = [
    [fr ? 'Encaissé pour votre compte' : 'Collected on your behalf', m(t.grossCents)],
    [
      net
        ? fr
          ? 'Commission TTC déduite'
          : 'Commission incl. VAT deducted'
        : fr
          ? 'Commission TTC (facturée séparément)'
          : 'Commission incl. VAT (invoiced separately)',
      net ? `- ${m(t.settledCents)}` : m(t.commissionCents + t.vatCents),
    ],
    [fr ? 'Montant viré' : 'Amount transferred', m(t.amountCents)],
  ];
  for (const [label, value] of summary) {
    const y = doc.y;
    text(doc, label, MARGIN.left + CONTENT_WIDTH - 260, y, { size: SIZE.body, width: 170, lineBreak: false });
    text(doc, value, MARGIN.left + CONTENT_WIDTH - 90, y, { font: 'bold', size: SIZE.body, width: 90, align: 'right' });
    doc.y += 3;
  }
  doc.x = MARGIN.left;
  return finishLetter(doc, first, {
    agency: data.agency,
    locale: data.locale,
    runningHeader: fr ? `Relevé de reversement n° ${data.runNumber}` : `Remittance statement no. ${data.runNumber}`,
  });
}

export async function renderRemittanceStatement(data: RemittanceStatementData): Promise<Buffer> {
  const fr = data.locale === 'fr';
  return renderToBuffer(
    {
      title: fr ? `Relevé de reversement ${data.runNumber}` : `Remittance statement ${data.runNumber}`,
      author: data.agency.legalName,
      locale: data.locale,
      date: data.date,
    },
    (doc) => {
      drawRemittanceStatement(doc, data);
    },
  );
}
