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
  salutation,
  startLetter,
  table,
  type Column,
  type Row,
} from './layout';
import type { Addressee, AgencyIdentity, IsoDate, PartyAddress } from './types';

/*
 * Déclaration de créance au mandataire judiciaire (C. com. L622-24 ff.). Every creditor whose claim was born before
 * the opening judgment declares it, itself or through « tout préposé ou mandataire de son choix » (L622-24 al. 2),
 * within two months of the BODACC publication, four for a creditor who does not live where the court sits
 * (R622-24). The declaration « porte le montant de la créance due au jour du jugement d'ouverture avec indication
 * des sommes à échoir et de la date de leurs échéances » (L622-25): interest and the €40 indemnity stop at the
 * judgment (L622-28).
 * French only: it goes to a French court officer.
 */

export interface DeclaredClaim {
  invoiceNumber: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  principalCents: number;
  /** Interest or penalties accrued up to the day before the judgment, less what was paid on them. */
  interestCents: number;
  indemnityCents: number;
  /** Owed on the judgment day (principal still due + interest + indemnity). */
  dueCents: number;
}

/** The security a declared claim carries (L622-25), as the declaration names it. */
export type ClaimSecurityKind =
  'NONE' | 'RETENTION_OF_TITLE' | 'GENERAL_PRIVILEGE' | 'SPECIAL_PRIVILEGE' | 'PLEDGE' | 'MORTGAGE' | 'GUARANTEE';

const SECURITY_LABEL: Record<ClaimSecurityKind, string> = {
  NONE: 'chirographaire',
  RETENTION_OF_TITLE: 'clause de réserve de propriété (article L624-16 du Code de commerce)',
  GENERAL_PRIVILEGE: 'privilège général',
  SPECIAL_PRIVILEGE: 'privilège spécial',
  PLEDGE: 'gage ou nantissement',
  MORTGAGE: 'hypothèque',
  GUARANTEE: 'cautionnement ou garantie',
};

/** One line of the bordereau of supporting documents (R622-23: « joint sous bordereau »). */
export type SupportingDocument =
  | { kind: 'POWER'; on: IsoDate | null }
  | { kind: 'INVOICE'; on: IsoDate; reference: string }
  | { kind: 'SECURITY'; on: null; reference: string | null };

export interface ClaimDeclarationData {
  reference: string;
  date: IsoDate;
  agency: AgencyIdentity;
  creditor: PartyAddress;
  /** The mandataire judiciaire; the agency completes the address when the BODACC notice names the office. */
  addressee: Addressee;
  debtor: { name: string; siren: string | null };
  file: { reference: string };
  /** label: the proceedings' name as it follows « procédure de » (sauvegarde, redressement judiciaire…). */
  proceedings: { label: string; openedOn: IsoDate; publishedOn: IsoDate | null; deadline: IsoDate | null };
  /**
   * The agency declares as the creditor's mandatary (L622-24 al. 2); not being a lawyer, it holds a special written
   * power to declare, given before the deadline, whose day is printed when known.
   */
  mandatary: { powerOn: IsoDate | null };
  security: { kind: ClaimSecurityKind; detail: string | null };
  documents: SupportingDocument[];
  currency: string;
  /** Due on or before the judgment day. */
  due: DeclaredClaim[];
  /** Born before the judgment, falling due after it (« sommes à échoir »). */
  toFallDue: DeclaredClaim[];
  /**
   * A declaration linked to the creditor's first one (decision 0021): claims that one did not contain
   * (complémentaire), or the amounts of declared claims restated (rectificative, `previousCents` what the earlier
   * declarations stated for the same files); filed after the deadline under an order of relief (L622-26).
   */
  amends?: {
    kind: 'SUPPLEMENTARY' | 'CORRECTIVE';
    firstFiledOn: IsoDate;
    firstReference: string;
    previousCents: number;
    reliefOn: IsoDate | null;
  };
}

const AMENDS_TITLE = { SUPPLEMENTARY: 'complémentaire', CORRECTIVE: 'rectificative' } as const;

function claimTable(doc: PDFKit.PDFDocument, claims: DeclaredClaim[], currency: string, totalLabel: string): void {
  const m = (cents: number) => formatMoney(cents, currency, 'fr');
  const columns: Column[] = [
    { header: 'Facture', width: 78 },
    { header: 'Émise le', width: 56 },
    { header: 'Échéance', width: 56 },
    { header: 'Principal dû', width: 75, align: 'right' },
    { header: 'Intérêts', width: 66, align: 'right' },
    { header: 'Indemnité', width: 52, align: 'right' },
    { header: 'Total', width: 99, align: 'right' },
  ];
  const rows: Row[] = claims.map((c) => ({
    cells: [
      c.invoiceNumber,
      formatDateShort(c.issuedOn, 'fr'),
      formatDateShort(c.dueOn, 'fr'),
      m(c.dueCents - c.interestCents - c.indemnityCents),
      m(c.interestCents),
      m(c.indemnityCents),
      m(c.dueCents),
    ],
  }));
  rows.push({ kind: 'total', cells: [totalLabel, '', '', '', '', '', m(claims.reduce((t, c) => t + c.dueCents, 0))] });
  table(doc, columns, rows);
}

function documentLabel(d: SupportingDocument): string {
  switch (d.kind) {
    case 'POWER':
      return d.on ? `pouvoir spécial de déclarer du ${formatDateShort(d.on, 'fr')}` : 'pouvoir spécial de déclarer';
    case 'INVOICE':
      return `facture n° ${d.reference} du ${formatDateShort(d.on, 'fr')}`;
    case 'SECURITY':
      return `titre de la sûreté${d.reference ? ` (${d.reference})` : ''}`;
  }
}

function amendsParagraph(
  doc: PDFKit.PDFDocument,
  a: NonNullable<ClaimDeclarationData['amends']>,
  m: (cents: number) => string,
): void {
  const first = `notre déclaration du ${formatDateLong(a.firstFiledOn, 'fr')} (réf. ${a.firstReference})`;
  paragraph(
    doc,
    a.kind === 'SUPPLEMENTARY'
      ? `La présente déclaration complète ${first} : elle porte sur des créances que celle-ci ne contenait pas, ` +
          'qui s’ajoutent aux montants alors déclarés.'
      : `La présente déclaration rectifie ${first} pour les dossiers ci-dessus : le montant déclaré pour ces ` +
          `créances, ${m(a.previousCents)}, est remplacé par le montant ci-dessous.`,
  );
  if (a.reliefOn)
    paragraph(
      doc,
      `Elle est faite après l’expiration du délai de déclaration, en vertu de l’ordonnance du juge-commissaire du ` +
        `${formatDateLong(a.reliefOn, 'fr')} relevant le créancier de la forclusion (article L622-26 du Code de ` +
        'commerce).',
    );
}

export function drawClaimDeclaration(doc: PDFKit.PDFDocument, data: ClaimDeclarationData): number {
  const m = (cents: number) => formatMoney(cents, data.currency, 'fr');
  const first = startLetter(doc);
  const p = data.proceedings;
  const debtor = data.debtor.siren ? `${data.debtor.name} (SIREN ${data.debtor.siren})` : data.debtor.name;
  drawFirstPage(doc, {
    agency: data.agency,
    locale: 'fr',
    addressee: data.addressee,
    date: data.date,
    references: [
      ['Dossier n° :', data.file.reference],
      ['Notre réf. :', data.reference],
      ['Jugement du :', formatDateShort(p.openedOn, 'fr')],
    ],
    subject: data.amends
      ? `Déclaration de créance ${AMENDS_TITLE[data.amends.kind]} — ${p.label} de ${data.debtor.name}`
      : `Déclaration de créance — ${p.label} de ${data.debtor.name}`,
  });
  salutation(doc, 'fr');
  const creditor = `${data.creditor.name}, ${addressOneLine(data.creditor.address)}`;
  const power = data.mandatary.powerOn
    ? `du pouvoir spécial de déclarer qu'il nous a donné par écrit le ${formatDateLong(data.mandatary.powerOn, 'fr')}`
    : "du pouvoir spécial de déclarer qu'il nous a donné par écrit";
  paragraph(
    doc,
    `Agissant en qualité de mandataire de ${creditor}, en vertu ${power} (pièce n° 1 du bordereau ci-après ; ` +
      `article L622-24 alinéa 2 du Code de commerce : « la déclaration des créances peut être faite par le ` +
      `créancier ou par tout préposé ou mandataire de son choix »), nous déclarons au passif de ${debtor}, dont la ` +
      `procédure de ${p.label} a été ouverte par jugement du ${formatDateLong(p.openedOn, 'fr')}` +
      (p.publishedOn ? ` publié au BODACC le ${formatDateLong(p.publishedOn, 'fr')}` : '') +
      (data.amends?.kind === 'CORRECTIVE'
        ? ', les créances ci-dessous, nées antérieurement à ce jugement, pour leur montant rectifié.'
        : ', les créances ci-dessous, nées antérieurement à ce jugement.'),
  );
  if (data.amends) amendsParagraph(doc, data.amends, m);
  const total = data.due.reduce((t, c) => t + c.dueCents, 0);
  heading(doc, 'Créances échues au jour du jugement d’ouverture', 9.5);
  if (data.due.length > 0) claimTable(doc, data.due, data.currency, 'Total échu');
  else paragraph(doc, 'Aucune.', { size: SIZE.small });
  if (data.toFallDue.length > 0) {
    heading(doc, 'Sommes à échoir (article L622-25 du Code de commerce)', 9.5);
    claimTable(doc, data.toFallDue, data.currency, 'Total à échoir');
  }
  const all = total + data.toFallDue.reduce((t, c) => t + c.dueCents, 0);
  paragraph(doc, [
    { text: 'Montant total déclaré : ' },
    { text: m(all), bold: true },
    data.security.kind === 'NONE'
      ? { text: ', à titre chirographaire (aucune sûreté ni privilège n’est invoqué).' }
      : {
          text:
            `, assorti de la sûreté suivante : ${SECURITY_LABEL[data.security.kind]}` +
            (data.security.detail ? ` (${data.security.detail})` : '') +
            ' (article L622-25 du Code de commerce).',
        },
  ]);
  paragraph(
    doc,
    'Les intérêts de retard et l’indemnité forfaitaire pour frais de recouvrement sont arrêtés au jour du jugement ' +
      'd’ouverture (article L622-28 du Code de commerce) : ils sont comptés jusqu’à la veille de ce jugement, ' +
      'déduction faite des paiements reçus avant lui.',
    { size: SIZE.small, color: COLOR.muted },
  );
  if (p.deadline)
    paragraph(
      doc,
      `Délai de déclaration : jusqu’au ${formatDateLong(p.deadline, 'fr')} (article R622-24 du Code de commerce).`,
      { size: SIZE.small, color: COLOR.muted },
    );
  heading(doc, 'Bordereau des pièces justificatives (article R622-23 du Code de commerce)', 9.5);
  data.documents.forEach((d, i) => paragraph(doc, `Pièce n° ${i + 1} : ${documentLabel(d)}`, { size: SIZE.small }));
  paragraph(doc, 'Nous vous prions de bien vouloir nous accuser réception de la présente déclaration.');
  closing(doc, 'fr', data.agency, null);
  const runningHeader = `${data.agency.name} — Dossier ${data.file.reference} — ${data.reference}`;
  return finishLetter(doc, first, { agency: data.agency, locale: 'fr', runningHeader });
}

export async function renderClaimDeclaration(data: ClaimDeclarationData): Promise<Buffer> {
  return renderToBuffer(
    {
      title: data.amends
        ? `Déclaration de créance ${AMENDS_TITLE[data.amends.kind]} ${data.reference}`
        : `Déclaration de créance ${data.reference}`,
      author: data.agency.legalName,
      locale: 'fr',
      date: data.date,
    },
    (doc) => drawClaimDeclaration(doc, data),
  );
}
