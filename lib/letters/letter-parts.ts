import { rfReference } from '../bank/creditor-reference';
import { drawQr, epcPayload, type EpcTransfer } from './epc-qr';
import { addressOneLine, formatDateLong, formatDateShort, formatIban, formatMoney, winAnsi } from './format';
import {
  COLOR,
  CONTENT_WIDTH,
  MARGIN,
  MM,
  SIZE,
  ensureSpace,
  paragraph,
  style,
  table,
  text,
  type Column,
  type Row,
  type Span,
} from './layout';
import { costsNotes, FRENCH_ORIGINAL, L111_8_EN, L111_8_FR, L111_8_TITLE, listOf } from './legal-texts';
import type { Cents, InterestBasis, LetterData, LetterLocale } from './types';
import { formatDecimal } from '../i18n/format';

/*
 * The blocks CPCE R124-4 makes every amicable-collection letter carry: who writes and that it collects amicably
 * (1°), for which creditor (2°), the basis and breakdown of the sum, without any collection fee (3°), the request
 * to pay and how (4°), and the text of L111-8 (5°). Later letters quote the first letter (last paragraph).
 */

export function money(data: { currency: string; locale: LetterLocale }, cents: Cents): string {
  return formatMoney(cents, data.currency, data.locale);
}

export function longDate(data: { locale: LetterLocale }, day: string): string {
  return formatDateLong(day, data.locale);
}

/** "Recouvra Lyon exerce une activité de recouvrement amiable … pour le compte de X, adresse". */
export function agencyAndCreditor(data: LetterData): Span[] {
  const creditorAddress = addressOneLine(data.creditor.address);
  return data.locale === 'fr'
    ? [
        { text: `${data.agency.name} exerce une activité de recouvrement amiable de créances. ` },
        { text: 'Nous intervenons pour le compte de ' },
        // The comma rides with the bold name: pdfkit would otherwise wrap it alone onto the next line.
        { text: `${data.creditor.name},`, bold: true },
        { text: ` ${creditorAddress}, qui nous a mandatés pour obtenir le règlement ` },
        { text: 'des sommes qui lui restent dues. ' },
      ]
    : [
        { text: `${data.agency.name} is an agency collecting debts on an amicable basis. ` },
        { text: 'We are acting on behalf of ' },
        { text: `${data.creditor.name},`, bold: true },
        { text: ` ${creditorAddress}, which has instructed us to recover ` },
        { text: 'the amounts still owed to it. ' },
      ];
}

/** The R124-4 last paragraph: later letters recall the first letter's reference and date. */
export function firstLetterRecall(data: LetterData): Span[] {
  if (!data.firstLetter) return [];
  const { reference, date } = data.firstLetter;
  return data.locale === 'fr'
    ? [{ text: `Nous vous avons adressé un premier courrier le ${longDate(data, date)} (référence ${reference}). ` }]
    : [{ text: `We first wrote to you on ${longDate(data, date)} (reference ${reference}). ` }];
}

function percent(locale: LetterLocale, value: number): string {
  return `${formatDecimal(value, locale)} %`;
}

/** The bases of a letter's interest, one per group of claims priced alike (a file mixing natures has several). */
export function interestBases(data: Pick<LetterData, 'interest'>): readonly InterestBasis[] {
  const interest = data.interest;
  if (!interest) return [];
  return Array.isArray(interest) ? interest : [interest as InterestBasis];
}

/** "Facture A : " / "Factures A et B : " before a basis that prices only some of the letter's claims. */
export function invoicesLead(locale: LetterLocale, invoices: readonly string[]): string {
  const fr = locale === 'fr';
  const list = listOf(locale, invoices);
  return fr
    ? `${invoices.length > 1 ? 'Factures' : 'Facture'} ${list} : `
    : `${invoices.length > 1 ? 'Invoices' : 'Invoice'} ${list}: `;
}

function basisNote(data: LetterData, interest: InterestBasis, several: boolean): string {
  const fr = data.locale === 'fr';
  // Several rates over the period (a new half-year, a new ECB rate): each with its days, never only the last.
  const manyRates = new Set((interest.rates ?? []).map((r) => r.annualRatePercent)).size > 1;
  const rate =
    manyRates || interest.annualRatePercent == null ? null : percent(data.locale, interest.annualRatePercent);
  const asOf = longDate(data, interest.asOf);
  const note = ((): string => {
    switch (interest.kind) {
      case 'legal':
        return fr
          ? `Intérêts au taux d'intérêt légal${rate ? ` (${rate} l'an)` : ''}, calculés jusqu'au ${asOf}.`
          : `Interest at the French statutory rate${rate ? ` (${rate} a year)` : ''}, calculated up to ${asOf}.`;
      case 'penalties':
        return fr
          ? `Pénalités de retard (article L441-10 du Code de commerce)${rate ? ` au taux annuel de ${rate}` : ''}, calculées jusqu'au ${asOf}.`
          : `Late-payment penalties (article L441-10 of the French Commercial Code)${rate ? ` at ${rate} a year` : ''}, calculated up to ${asOf}.`;
      case 'contractual':
        return fr
          ? `Intérêts au taux contractuel${rate ? ` de ${rate} l'an` : ''}, calculés jusqu'au ${asOf}.`
          : `Interest at the contractual rate${rate ? ` of ${rate} a year` : ''}, calculated up to ${asOf}.`;
    }
  })();
  const lead = several && interest.invoices?.length ? invoicesLead(data.locale, interest.invoices) : '';
  const worded = lead ? `${lead}${note.charAt(0).toLowerCase()}${note.slice(1)}` : note;
  if (!manyRates) return worded;
  const spans = interest.rates!.map((r) =>
    fr
      ? `${percent(data.locale, r.annualRatePercent)} l'an du ${longDate(data, r.from)} au ${longDate(data, r.to)}`
      : `${percent(data.locale, r.annualRatePercent)} a year from ${longDate(data, r.from)} to ${longDate(data, r.to)}`,
  );
  const label = fr ? 'Taux appliqués : ' : 'Rates applied: ';
  return `${worded} ${label}${spans.join(fr ? ' ; ' : '; ')}.`;
}

/** What the interest column holds, per basis: a mixed file says which invoices bear penalties and which interest. */
function interestNote(data: LetterData): string | null {
  if (data.totals.interestCents === 0) return null;
  const interestOf = new Map(data.claims.map((c) => [c.invoiceNumber, c.interestCents]));
  const bases = interestBases(data).filter(
    (b) => !b.invoices || b.invoices.some((invoice) => (interestOf.get(invoice) ?? 0) > 0),
  );
  if (bases.length === 0) return null;
  const several = interestBases(data).length > 1;
  return bases.map((b) => basisNote(data, b, several)).join(' ');
}

/**
 * On a file mixing natures, which invoices owe the €40 (B2B claims, C. com. L441-10) and which owe no recovery
 * cost at all (consumer and civil claims, CPCE L111-8); null when every claim is of one kind.
 */
export function costsSplit(data: Pick<LetterData, 'claims'>): { professional: string[]; other: string[] } | null {
  if (data.claims.some((c) => !c.nature)) return null;
  const professional = data.claims.filter((c) => c.nature === 'B2B').map((c) => c.invoiceNumber);
  const other = data.claims.filter((c) => c.nature !== 'B2B').map((c) => c.invoiceNumber);
  return professional.length > 0 && other.length > 0 ? { professional, other } : null;
}

/** The claims table with its totals, then the basis of interest and indemnity and the no-fee statement. */
export function claimsBreakdown(doc: PDFKit.PDFDocument, data: LetterData): void {
  const fr = data.locale === 'fr';
  const m = (c: Cents) => money(data, c);
  const withIndemnity = data.debtor.kind === 'COMPANY' || data.totals.indemnityCents > 0;
  const w = withIndemnity
    ? { date: 54, principal: 62, interest: 58, indemnity: 56, total: 68 }
    : { date: 58, principal: 72, interest: 66, indemnity: 0, total: 78 };
  const fixed = 2 * w.date + w.principal + w.interest + w.indemnity + w.total;
  const columns: Column[] = [
    { header: fr ? 'Facture' : 'Invoice', width: CONTENT_WIDTH - fixed },
    { header: 'Date', width: w.date },
    { header: fr ? 'Échéance' : 'Due date', width: w.date },
    { header: 'Principal', width: w.principal, align: 'right' },
    { header: fr ? 'Intérêts' : 'Interest', width: w.interest, align: 'right' },
    ...(withIndemnity ? [{ header: fr ? 'Indemnité' : 'Indemnity', width: w.indemnity, align: 'right' } as const] : []),
    { header: 'Total', width: w.total, align: 'right' },
  ];
  const rows: Row[] = data.claims.map((claim) => ({
    cells: [
      claim.invoiceNumber,
      formatDateShort(claim.issuedOn, data.locale),
      formatDateShort(claim.dueOn, data.locale),
      m(claim.principalCents),
      m(claim.interestCents),
      ...(withIndemnity ? [m(claim.indemnityCents)] : []),
      m(claim.principalCents + claim.interestCents + claim.indemnityCents),
    ],
    note: claim.basis,
  }));
  const t = data.totals;
  const blank = withIndemnity ? ['', '', ''] : ['', ''];
  rows.push({
    kind: 'bold',
    cells: [
      fr ? 'Total des créances' : 'Total claimed',
      '',
      '',
      m(t.principalCents),
      m(t.interestCents),
      ...(withIndemnity ? [m(t.indemnityCents)] : []),
      m(t.principalCents + t.interestCents + t.indemnityCents),
    ],
  });
  if (t.paidCents > 0) {
    rows.push({
      cells: [fr ? 'Règlements déjà reçus' : 'Payments already received', '', ...blank, '', `- ${m(t.paidCents)}`],
    });
  }
  rows.push({ kind: 'total', cells: [fr ? 'Reste dû' : 'Amount due', '', ...blank, '', m(t.dueCents)] });
  table(doc, columns, rows, { noteSpan: 3 });

  const notes: string[] = [];
  const interest = interestNote(data);
  if (interest) notes.push(interest);
  notes.push(...costsNotes(data.locale, t.indemnityCents > 0, m(4000), costsSplit(data)));
  paragraph(doc, notes.join(' '), { size: SIZE.tiny + 0.3, gap: 3, color: COLOR.muted });
  doc.y += 5;
}

/** The transfer a letter's QR code pre-fills: creditors'-funds account, amount, file reference as remittance. */
export function transferFor(data: LetterData, amountCents: Cents): EpcTransfer {
  return {
    beneficiaryName: data.agency.accountHolder?.trim() || data.agency.legalName,
    iban: data.agency.iban,
    bic: data.agency.bic,
    amountCents,
    creditorReference: rfReference(data.file.reference),
  };
}

export interface PaymentBlockOptions {
  amountCents: Cents;
  /** "Montant" by default; "Premier versement" on a plan letter. */
  amountLabel?: string;
}

/** How to pay: the creditors'-funds account, the file reference as transfer reference, and an EPC QR code. */
export function paymentBlock(doc: PDFKit.PDFDocument, data: LetterData, options: PaymentBlockOptions): void {
  const fr = data.locale === 'fr';
  const agency = data.agency;
  const holder = agency.accountHolder?.trim() || agency.legalName;
  const withQr = data.currency === 'EUR' && options.amountCents > 0;
  const qrSize = 24 * MM;
  const qrArea = withQr ? qrSize + 14 * MM : 0;
  const height = 32 * MM;
  ensureSpace(doc, height + 6);
  const top = doc.y;
  const x = MARGIN.left;
  doc.save().roundedRect(x, top, CONTENT_WIDTH, height, 3).lineWidth(0.8).strokeColor(COLOR.rule).stroke().restore();

  const inner = x + 10;
  const width = CONTENT_WIDTH - qrArea - 20;
  text(doc, fr ? 'Comment payer' : 'How to pay', inner, top + 7, { font: 'bold', size: 9.5, width });
  text(
    doc,
    fr
      ? 'Par virement sur le compte réservé aux fonds des créanciers :'
      : "By bank transfer to the account reserved for creditors' funds:",
    inner,
    doc.y + 3,
    { size: SIZE.small, width },
  );
  const labelWidth = 34 * MM;
  const line = (label: string, value: string, bold = false) => {
    const y = doc.y + 1.5;
    text(doc, label, inner, y, { size: SIZE.small, color: COLOR.muted, width: labelWidth, lineBreak: false });
    text(doc, value, inner + labelWidth, y, { font: bold ? 'bold' : 'regular', size: SIZE.small + 0.5 });
  };
  line(fr ? 'Titulaire du compte' : 'Account holder', holder);
  line('IBAN', formatIban(agency.iban), true);
  if (agency.bic) line('BIC', agency.bic);
  line(fr ? 'Référence à indiquer' : 'Reference to quote', data.file.reference, true);
  line(options.amountLabel ?? (fr ? 'Montant' : 'Amount'), money(data, options.amountCents), true);

  if (withQr) {
    const payload = epcPayload(transferFor(data, options.amountCents));
    const qrX = x + CONTENT_WIDTH - qrArea + 7 * MM;
    drawQr(doc, payload, qrX, top + 2 * MM, qrSize);
    text(
      doc,
      fr ? 'Scannez ce code avec votre application bancaire' : 'Scan this code with your banking app',
      qrX - 5 * MM,
      top + 2 * MM + qrSize + 1.5,
      { size: SIZE.tiny - 0.5, color: COLOR.muted, width: qrSize + 10 * MM, align: 'center' },
    );
  }
  doc.x = MARGIN.left;
  doc.y = top + height + 8;
}

/** Mediation first (ethics): how to reach the agency, a plan is possible, a dispute is heard before anything else. */
export function helpParagraph(doc: PDFKit.PDFDocument, data: LetterData): void {
  const { phone, email } = data.agency;
  if (data.locale === 'fr') {
    const reach = [phone ? `au ${phone}` : '', email ? `par e-mail à ${email}` : ''].filter(Boolean).join(' ou ');
    paragraph(
      doc,
      `Si vous rencontrez des difficultés pour régler cette somme, contactez-nous${reach ? ` ${reach}` : ''} : nous pouvons convenir ensemble d'un paiement échelonné. Si vous contestez tout ou partie de cette somme, ou si vous l'avez déjà réglée, indiquez-le-nous en joignant vos justificatifs : nous examinerons votre réponse avant toute autre démarche.`,
    );
  } else {
    const reach = [phone ? `on ${phone}` : '', email ? `by e-mail at ${email}` : ''].filter(Boolean).join(' or ');
    paragraph(
      doc,
      `If you have difficulty paying this amount, please contact us${reach ? ` ${reach}` : ''}: we can agree a payment plan with you. If you dispute all or part of this amount, or have already paid it, please let us know and send us your supporting documents: we will look into your reply before taking any further step.`,
    );
  }
}

/** CPCE L111-8, second and third paragraphs, verbatim; English letters add a translation before the original. */
export function legalNotice(doc: PDFKit.PDFDocument, locale: LetterLocale): void {
  const size = SIZE.tiny;
  const width = CONTENT_WIDTH - 16;
  const blocks: { text: string; italic?: boolean; bold?: boolean }[] = [{ text: L111_8_TITLE[locale], bold: true }];
  if (locale === 'en') {
    for (const p of L111_8_EN) blocks.push({ text: p });
    blocks.push({ text: FRENCH_ORIGINAL, italic: true });
  }
  for (const p of L111_8_FR) blocks.push({ text: `« ${p} »` });
  let height = 9;
  for (const block of blocks) {
    style(doc, { font: block.bold ? 'bold' : block.italic ? 'italic' : 'regular', size });
    height += doc.heightOfString(winAnsi(block.text), { width, lineGap: 0.5 }) + 2;
  }
  ensureSpace(doc, height + 4);
  const top = doc.y;
  doc.save().rect(MARGIN.left, top, CONTENT_WIDTH, height).fill(COLOR.shade).restore();
  doc.y = top + 5;
  for (const block of blocks) {
    text(doc, block.text, MARGIN.left + 8, doc.y, {
      font: block.bold ? 'bold' : block.italic ? 'italic' : 'regular',
      size,
      width,
      lineGap: 0.5,
    });
    doc.y += 2;
  }
  doc.x = MARGIN.left;
  doc.y = top + height + 4;
}

export function subjectWithFile(base: string, data: { file: { reference: string }; locale: LetterLocale }): string {
  return `${base} — ${data.locale === 'fr' ? 'dossier' : 'file'} ${data.file.reference}`;
}

export function runningHeader(data: LetterData): string {
  const fr = data.locale === 'fr';
  return `${data.agency.name} — ${fr ? 'Dossier' : 'File'} ${data.file.reference} — ${fr ? 'Réf.' : 'Ref.'} ${data.reference} — ${formatDateShort(data.date, data.locale)}`;
}
