import { addressOneLine, formatDateLong, formatDateShort, formatMoney } from './format';
import {
  COLOR,
  SIZE,
  closing,
  drawFirstPage,
  finishLetter,
  heading,
  paragraph,
  renderToBuffer,
  startLetter,
  table,
  type Column,
  type Row,
} from './layout';
import type { Addressee, AgencyIdentity, IsoDate, PartyAddress } from './types';

/*
 * Requête en injonction de payer (CPC 1405 s.). CPC 1407: « Outre les mentions prescrites par l'article 57, la
 * requête contient l'indication précise du montant de la somme réclamée avec le décompte des différents éléments de
 * la créance, le fondement de celle-ci ainsi que le bordereau des documents justificatifs produits à l'appui de la
 * requête. » CPC 57: the parties (a company: its form, name, seat and the body representing it; a person: names
 * and domicile), the object of the claim, the exhibits, the date and signature. The request may be made by « tout
 * mandataire » (CPC 1407 al. 1): the agency signs as the creditor's mandataire. It goes to the court of the place
 * where the debtor lives (CPC 1406). French only: it goes to a French court.
 */

export interface RequestClaim {
  invoiceNumber: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  principalCents: number;
  interestCents: number;
  /** The €40 recovery indemnity (C. com. L441-10, D441-5), the "other sums" of a business claim. */
  otherCents: number;
  /** The claim's basis, printed in words (invoice for goods or services between businesses, consumer sale…). */
  basis: string;
  /** What the interest rests on (C. com. L441-10; C. civ. 1231-6 from the formal notice). */
  interestBasis: string;
}

export interface Exhibit {
  /** e.g. « Facture n° F-2026-001 du 2 mars 2026 ». */
  label: string;
}

export interface InjunctionRequestData {
  reference: string;
  date: IsoDate;
  agency: AgencyIdentity;
  creditor: PartyAddress & { siren: string | null };
  debtor: Addressee & { siren: string | null };
  /** The court the request is addressed to (CPC 1406: the debtor's place). */
  court: { name: string; place: string };
  file: { reference: string };
  mandate: { reference: string; startsOn: IsoDate };
  currency: string;
  claims: RequestClaim[];
  /** The interest and indemnity counted to this day. */
  countedTo: IsoDate;
  formalNotice: { reference: string; sentOn: IsoDate } | null;
  exhibits: Exhibit[];
}

export function drawInjunctionRequest(doc: PDFKit.PDFDocument, data: InjunctionRequestData): number {
  const m = (cents: number) => formatMoney(cents, data.currency, 'fr');
  const first = startLetter(doc);
  const principal = data.claims.reduce((t, c) => t + c.principalCents, 0);
  const interest = data.claims.reduce((t, c) => t + c.interestCents, 0);
  const other = data.claims.reduce((t, c) => t + c.otherCents, 0);
  const total = principal + interest + other;
  drawFirstPage(doc, {
    agency: data.agency,
    locale: 'fr',
    addressee: {
      kind: 'COMPANY',
      name: `Monsieur ou Madame le Président du ${data.court.name}`,
      attention: 'Service des injonctions de payer',
      address: { lines: [], postcode: '', city: data.court.place },
    },
    date: data.date,
    references: [
      ['Dossier n° :', data.file.reference],
      ['Notre réf. :', data.reference],
    ],
    subject: 'Requête en injonction de payer (articles 1405 et suivants du Code de procédure civile)',
  });

  heading(doc, 'Le requérant', 9.5);
  const creditorId = data.creditor.siren ? ` — SIREN ${data.creditor.siren}` : '';
  paragraph(
    doc,
    `${data.creditor.name}${creditorId}, dont le siège est ${addressOneLine(data.creditor.address)}, pris en la personne ` +
      'de son représentant légal,',
  );
  paragraph(
    doc,
    `représenté par ${data.agency.legalName}${data.agency.siren ? ` (SIREN ${data.agency.siren})` : ''}, ` +
      `${addressOneLine(data.agency.address)}, agissant en qualité de mandataire (article 1407 du Code de procédure ` +
      `civile) en vertu du mandat de recouvrement n° ${data.mandate.reference} du ${formatDateLong(data.mandate.startsOn, 'fr')}.`,
  );
  heading(doc, 'Contre', 9.5);
  const debtorId = data.debtor.siren ? ` — SIREN ${data.debtor.siren}` : '';
  const where = data.debtor.address.city
    ? `${data.debtor.kind === 'COMPANY' ? 'dont le siège est' : 'demeurant'} ${addressOneLine(data.debtor.address)}`
    : 'adresse à compléter';
  paragraph(
    doc,
    `${data.debtor.name}${debtorId}, ${where}` +
      (data.debtor.kind === 'COMPANY' ? ', pris en la personne de son représentant légal.' : '.'),
  );

  heading(doc, 'Objet de la demande', 9.5);
  paragraph(doc, [
    { text: 'Le requérant a l’honneur de solliciter une ordonnance enjoignant au débiteur de lui payer la somme de ' },
    { text: m(total), bold: true },
    {
      text:
        `, en principal, intérêts et autres sommes arrêtés au ${formatDateLong(data.countedTo, 'fr')}, ` +
        'outre les intérêts postérieurs jusqu’à parfait paiement et les dépens.',
    },
  ]);

  heading(doc, 'Décompte de la créance (article 1407 du Code de procédure civile)', 9.5);
  const columns: Column[] = [
    { header: 'Facture', width: 80 },
    { header: 'Émise le', width: 56 },
    { header: 'Échéance', width: 56 },
    { header: 'Principal', width: 78, align: 'right' },
    { header: 'Intérêts', width: 72, align: 'right' },
    { header: 'Autres sommes', width: 70, align: 'right' },
    { header: 'Total', width: 70, align: 'right' },
  ];
  const rows: Row[] = data.claims.map((c) => ({
    cells: [
      c.invoiceNumber,
      formatDateShort(c.issuedOn, 'fr'),
      formatDateShort(c.dueOn, 'fr'),
      m(c.principalCents),
      m(c.interestCents),
      m(c.otherCents),
      m(c.principalCents + c.interestCents + c.otherCents),
    ],
  }));
  rows.push({ kind: 'total', cells: ['Total', '', '', m(principal), m(interest), m(other), m(total)] });
  table(doc, columns, rows);
  paragraph(
    doc,
    'Les autres sommes sont l’indemnité forfaitaire pour frais de recouvrement de 40 € par facture ' +
      '(articles L441-10 et D441-5 du Code de commerce), due entre professionnels seulement.',
    {
      size: SIZE.small,
      color: COLOR.muted,
    },
  );

  heading(doc, 'Fondement de la créance', 9.5);
  const bases = [...new Set(data.claims.map((c) => c.basis))];
  for (const b of bases) paragraph(doc, `• ${b}`);
  const interestBases = [...new Set(data.claims.map((c) => c.interestBasis))];
  for (const b of interestBases) paragraph(doc, `• Intérêts : ${b}`);
  paragraph(
    doc,
    data.formalNotice
      ? `Le débiteur a été mis en demeure de payer par lettre recommandée (réf. ${data.formalNotice.reference}) ` +
          `du ${formatDateLong(data.formalNotice.sentOn, 'fr')}, restée sans effet.`
      : 'Les relances amiables adressées au débiteur sont restées sans effet.',
  );

  heading(doc, 'Bordereau des pièces produites à l’appui de la requête', 9.5);
  data.exhibits.forEach((e, i) => paragraph(doc, `Pièce n° ${i + 1} : ${e.label}`));

  paragraph(
    doc,
    'Par ces motifs, le requérant demande qu’il plaise à Monsieur ou Madame le Président de rendre une ordonnance ' +
      `portant injonction de payer la somme de ${m(total)}, avec intérêts au taux légal ou conventionnel à compter de ` +
      'la présente requête sur le principal, et de condamner le débiteur aux dépens.',
  );
  // CPC 57: dated and signed, by the mandataire for the creditor.
  paragraph(
    doc,
    `Fait à ${data.agency.address.city}, le ${formatDateLong(data.date, 'fr')}. Pour le requérant, son mandataire :`,
  );
  closing(doc, 'fr', data.agency, null, { formula: false });
  const runningHeader = `${data.agency.name} — Requête en injonction de payer — Dossier ${data.file.reference}`;
  return finishLetter(doc, first, { agency: data.agency, locale: 'fr', runningHeader });
}

export async function renderInjunctionRequest(data: InjunctionRequestData): Promise<Buffer> {
  return renderToBuffer(
    {
      title: `Requête en injonction de payer ${data.reference}`,
      author: data.agency.legalName,
      locale: 'fr',
      date: data.date,
    },
    (doc) => drawInjunctionRequest(doc, data),
  );
}
