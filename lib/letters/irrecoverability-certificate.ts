import { closingReasonText } from './closing-report';
import { formatDateLong, formatDateShort, formatMoney } from './format';
import { CONTENT_WIDTH, MARGIN, MM, SIZE, heading, newPage, paragraph, renderToBuffer, table, text } from './layout';
import type { IsoDate } from './types';

/*
 * Attestation d'irrécouvrabilité (issue 16). CGI art. 272-1: the VAT a supplier paid on a sale is imputed or refunded
 * when the claim has become definitively irrecoverable (from the judgment opening a judicial liquidation), on proof
 * that the original invoice was rectified. The administration accepts, for several unpaid invoices of one customer,
 * a summary statement giving for each its number, date, tax-exclusive amount and VAT, with the mention « Facture
 * impayée pour la somme de … euros (prix net) et pour la somme de … euros (TVA correspondante) qui ne peut faire
 * l'objet d'une déduction (article 272 du CGI) » (BOI-TVA-DED-40-10-20). Irrecoverability is proved by the failure of
 * the steps taken against the debtor: the agency attests what it did, why it stopped, and the evidence it holds.
 * French only: it is produced to the French tax administration.
 */

export interface CertificateInvoice {
  invoiceNumber: string;
  issuedOn: IsoDate;
  /** What is left unpaid of the invoice, tax included, split at the rate below. */
  unpaidCents: number;
  htCents: number;
  vatCents: number;
}

export interface IrrecoverabilityCertificateData {
  date: IsoDate;
  agency: { name: string; legalName: string; address: string; siren: string | null };
  creditor: { name: string; address: string; siren: string | null };
  debtor: { name: string; siren: string | null; address: string };
  file: { reference: string; placedOn: IsoDate };
  currency: string;
  vatRateBps: number;
  invoices: CertificateInvoice[];
  reason: string;
  decidedOn: IsoDate;
  note: string | null;
  evidence: { name: string; sha256: string } | null;
  /** What the agency did, counted (already in French): « 3 courriers, 5 appels ». */
  steps: string;
}

export function drawIrrecoverabilityCertificate(doc: PDFKit.PDFDocument, data: IrrecoverabilityCertificateData): void {
  const money = (c: number) => formatMoney(c, data.currency, 'fr');
  const day = (d: string) => formatDateShort(d, 'fr');
  const rate = (data.vatRateBps / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
  newPage(doc);
  text(doc, data.agency.name, MARGIN.left, MARGIN.top, { font: 'bold', size: 12, width: CONTENT_WIDTH });
  text(
    doc,
    [data.agency.legalName, data.agency.address, data.agency.siren ? `SIREN ${data.agency.siren}` : '']
      .filter(Boolean)
      .join(' — '),
    MARGIN.left,
    doc.y,
    { size: SIZE.small, width: CONTENT_WIDTH },
  );
  doc.y += 6 * MM;
  text(doc, 'Attestation d’irrécouvrabilité de créance', MARGIN.left, doc.y, {
    font: 'bold',
    size: 15,
    width: CONTENT_WIDTH,
    align: 'center',
  });
  text(
    doc,
    'Récupération de la TVA sur créances irrécouvrables — article 272-1 du code général des impôts',
    MARGIN.left,
    doc.y,
    {
      size: SIZE.small,
      width: CONTENT_WIDTH,
      align: 'center',
    },
  );
  doc.y += 6 * MM;

  paragraph(doc, [
    { text: 'Créancier : ', bold: true },
    {
      text: [data.creditor.name, data.creditor.siren ? `SIREN ${data.creditor.siren}` : '', data.creditor.address]
        .filter(Boolean)
        .join(' — '),
    },
  ]);
  paragraph(doc, [
    { text: 'Débiteur : ', bold: true },
    {
      text: [data.debtor.name, data.debtor.siren ? `SIREN ${data.debtor.siren}` : '', data.debtor.address]
        .filter(Boolean)
        .join(' — '),
    },
  ]);
  paragraph(doc, [
    { text: 'Dossier de recouvrement : ', bold: true },
    { text: `${data.file.reference}, confié le ${day(data.file.placedOn)}` },
  ]);
  paragraph(
    doc,
    `${data.agency.legalName}, mandatée par le créancier pour le recouvrement des factures ci-dessous, atteste que ces ` +
      `créances sont demeurées impayées malgré les diligences accomplies et que le dossier a été clôturé le ` +
      `${formatDateLong(data.decidedOn, 'fr')} comme irrécouvrable, pour le motif suivant :`,
    { align: 'justify' },
  );
  paragraph(doc, [{ text: closingReasonText(data.reason, 'fr'), bold: true }]);
  if (data.note) paragraph(doc, [{ text: 'Précisions : ', bold: true }, { text: data.note }]);
  paragraph(doc, [
    { text: 'Pièce justificative : ', bold: true },
    {
      text: data.evidence
        ? `${data.evidence.name} (empreinte SHA-256 ${data.evidence.sha256.slice(0, 16)}…)`
        : 'historique du dossier tenu par l’agence',
    },
  ]);
  paragraph(doc, [{ text: 'Diligences accomplies : ', bold: true }, { text: data.steps }]);

  heading(doc, `Factures demeurées impayées (TVA au taux de ${rate} %)`);
  const w = CONTENT_WIDTH / 5;
  const total = (pick: (i: CertificateInvoice) => number) => data.invoices.reduce((s, i) => s + pick(i), 0);
  table(
    doc,
    [
      { header: 'Facture n°', width: w * 1.3 },
      { header: 'Date', width: w * 0.7 },
      { header: 'Montant HT impayé', width: w, align: 'right' },
      { header: 'TVA correspondante', width: w, align: 'right' },
      { header: 'Montant TTC impayé', width: w, align: 'right' },
    ],
    [
      ...data.invoices.map((i) => ({
        cells: [i.invoiceNumber, day(i.issuedOn), money(i.htCents), money(i.vatCents), money(i.unpaidCents)],
        note:
          `Facture impayée pour la somme de ${money(i.htCents)} (prix net) et pour la somme de ${money(i.vatCents)} ` +
          '(TVA correspondante) qui ne peut faire l’objet d’une déduction (article 272 du CGI).',
        kind: 'normal' as const,
      })),
      {
        cells: [
          'Total',
          '',
          money(total((i) => i.htCents)),
          money(total((i) => i.vatCents)),
          money(total((i) => i.unpaidCents)),
        ],
        kind: 'total' as const,
      },
    ],
    { noteSpan: 5 },
  );
  paragraph(
    doc,
    'Le créancier adresse au débiteur un duplicata rectifié de chaque facture ou le présent état récapitulatif et en ' +
      'conserve une copie à l’appui de sa comptabilité ; l’imputation de la TVA est subordonnée à la justification de ' +
      'cette rectification (CGI art. 272-1, al. 3). Les montants TTC sont ceux restés impayés sur le principal ; les ' +
      'intérêts et l’indemnité forfaitaire de recouvrement, hors champ de la TVA, n’y figurent pas.',
    { size: SIZE.small, align: 'justify' },
  );
  doc.y += 4 * MM;
  paragraph(doc, `Fait le ${formatDateLong(data.date, 'fr')}, pour servir et valoir ce que de droit.`);
  paragraph(doc, [{ text: data.agency.legalName, bold: true }]);
}

export async function renderIrrecoverabilityCertificate(data: IrrecoverabilityCertificateData): Promise<Buffer> {
  return renderToBuffer(
    {
      title: `Attestation d’irrécouvrabilité ${data.file.reference}`,
      author: data.agency.name,
      locale: 'fr',
      date: data.date,
    },
    (doc) => drawIrrecoverabilityCertificate(doc, data),
  );
}
