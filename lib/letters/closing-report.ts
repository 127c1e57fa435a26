import { formatDateShort, formatMoney } from './format';
import { CONTENT_WIDTH, MARGIN, MM, SIZE, heading, newPage, paragraph, renderToBuffer, table, text } from './layout';
import { headedTable } from './sections';
import type { IsoDate, LetterLocale } from './types';

/*
 * The closing report to the creditor (issue 16): why the file closed, what the agency did (contacts, letters,
 * judicial steps), what it collected, what it cost, and what is left. It is the mandate's account rendered when the
 * mandate ends for this file (CPCE R124-7 asks the agency to account for its mission). Facts only: every figure is
 * read from the file's records when the closing is decided.
 */

export interface ClosingReportData {
  locale: LetterLocale;
  date: IsoDate;
  agency: { name: string; legalName: string; address: string };
  creditor: { name: string; address: string };
  debtor: { name: string; kind: 'PERSON' | 'COMPANY' };
  file: { reference: string; placedOn: IsoDate };
  currency: string;
  closing: {
    /** A code of lib/closing/rules.ts CLOSING_REASONS. */
    reason: string;
    decidedOn: IsoDate;
    decidedBy: string | null;
    note: string | null;
    evidenceName: string | null;
    /** What the file still owed on closing: written off unless it closed paid. */
    owedCents: number;
  };
  /** What was placed, per invoice, and what is left of each. */
  claims: { invoiceNumber: string; dueOn: IsoDate; principalCents: number; principalDueCents: number }[];
  placedCents: number;
  /** Every payment received (reversals as negative amounts). */
  payments: { on: IsoDate; amountCents: number }[];
  collectedCents: number;
  /** What the creditor was charged: commission, costs advanced. */
  costs: { kind: 'COMMISSION' | 'COST'; label?: string; amountCents: number }[];
  /** How many of each kind of action (counts by kind of timeline line: calls, letters, e-mails…). */
  actions: { kind: string; count: number }[];
  letters: { on: IsoDate; kind: string; reference: string }[];
  /** The judicial phase's steps, already written in the report's language. */
  procedures: { on: IsoDate; summary: string }[];
}

const T = {
  fr: {
    title: 'Rapport de clôture',
    prepared: (d: string) => `Établi le ${d}`,
    file: 'Dossier',
    placed: 'confié le',
    creditor: 'Créancier',
    debtor: 'Débiteur',
    why: 'Motif de la clôture',
    decided: (d: string, by: string | null) => `Décidée le ${d}${by ? ` par ${by}` : ''}.`,
    evidence: 'Pièce justificative',
    note: 'Observations',
    claims: 'Créances confiées',
    invoice: 'Facture',
    due: 'Échéance',
    placedAmount: 'Montant confié',
    left: 'Reste en principal',
    total: 'Total',
    money: 'Encaissements',
    on: 'Date',
    amount: 'Montant',
    collected: 'Total encaissé',
    noPayment: 'Aucun encaissement.',
    costs: 'Frais et honoraires',
    commission: 'Commission de l’agence (TTC)',
    noCosts: 'Aucun frais facturé.',
    owed: 'Reste dû à la clôture (principal, intérêts, indemnité)',
    writtenOff: 'Montant non recouvré',
    done: 'Diligences accomplies',
    noActions: 'Aucune action enregistrée.',
    letters: 'Courriers envoyés',
    kind: 'Nature',
    reference: 'Référence',
    procedures: 'Phase judiciaire',
    noProcedure: 'Aucune procédure judiciaire engagée.',
    person: 'particulier',
    company: 'entreprise',
    reasons: {
      PAID: 'Dossier soldé : la dette a été payée intégralement.',
      SETTLED: 'Transaction : règlement partiel accepté par écrit par le créancier pour solde de tout compte.',
      PLAN_COMPLETED: 'Échéancier mené à son terme.',
      INSOLVENCY_NO_ASSETS: 'Irrécouvrable : procédure collective clôturée pour insuffisance d’actif.',
      DECEASED_NO_ESTATE: 'Irrécouvrable : débiteur décédé sans succession.',
      UNTRACEABLE: 'Irrécouvrable : débiteur introuvable après recherches.',
      TIME_BARRED: 'Irrécouvrable : créance prescrite.',
      UNECONOMIC: 'Irrécouvrable : poursuites non rentables au regard du montant.',
      WITHDRAWN: 'Retrait du dossier par le créancier.',
      MANDATE_ENDED: 'Dossier restitué au terme du mandat.',
    } as Record<string, string>,
    actionKinds: {
      call: 'Appels',
      email: 'Courriels',
      sms: 'SMS',
      visit: 'Visites',
      letter: 'Courriers',
      promise: 'Promesses de paiement',
      plan: 'Échéanciers',
      dispute: 'Contestations traitées',
      search: 'Recherches d’adresse',
    } as Record<string, string>,
    letterKinds: {
      REMINDER_LETTER: 'Lettre de relance',
      REGISTERED_LETTER: 'Lettre recommandée avec AR',
      FORMAL_NOTICE: 'Mise en demeure',
      PRE_JUDICIAL_WARNING: 'Avertissement avant poursuites',
      DOSSIER: 'Dossier contentieux',
      RECEIPT: 'Quittance',
      PLAN_LETTER: 'Lettre d’échéancier',
    } as Record<string, string>,
  },
  en: {
    title: 'Closing report',
    prepared: (d: string) => `Prepared on ${d}`,
    file: 'File',
    placed: 'placed on',
    creditor: 'Creditor',
    debtor: 'Debtor',
    why: 'Why the file closed',
    decided: (d: string, by: string | null) => `Decided on ${d}${by ? ` by ${by}` : ''}.`,
    evidence: 'Evidence',
    note: 'Remarks',
    claims: 'Claims placed',
    invoice: 'Invoice',
    due: 'Due',
    placedAmount: 'Amount placed',
    left: 'Principal left',
    total: 'Total',
    money: 'Money collected',
    on: 'Date',
    amount: 'Amount',
    collected: 'Total collected',
    noPayment: 'Nothing collected.',
    costs: 'Costs and fees',
    commission: 'Agency commission (incl. VAT)',
    noCosts: 'No costs charged.',
    owed: 'Owed on closing (principal, interest, indemnity)',
    writtenOff: 'Not recovered',
    done: 'What was done',
    noActions: 'No action recorded.',
    letters: 'Letters sent',
    kind: 'Kind',
    reference: 'Reference',
    procedures: 'Judicial phase',
    noProcedure: 'No judicial proceedings were brought.',
    person: 'individual',
    company: 'company',
    reasons: {
      PAID: 'Paid: the debt was paid in full.',
      SETTLED: 'Settled for less: a partial payment the creditor accepted in writing in full settlement.',
      PLAN_COMPLETED: 'Payment plan completed.',
      INSOLVENCY_NO_ASSETS: 'Irrecoverable: insolvency proceedings closed for lack of assets.',
      DECEASED_NO_ESTATE: 'Irrecoverable: debtor deceased without an estate.',
      UNTRACEABLE: 'Irrecoverable: debtor untraceable after searches.',
      TIME_BARRED: 'Irrecoverable: the claim is time-barred.',
      UNECONOMIC: 'Irrecoverable: pursuing it would cost more than it could bring.',
      WITHDRAWN: 'Withdrawn by the creditor.',
      MANDATE_ENDED: 'Returned at the end of the mandate.',
    } as Record<string, string>,
    actionKinds: {
      call: 'Calls',
      email: 'E-mails',
      sms: 'Text messages',
      visit: 'Visits',
      letter: 'Letters',
      promise: 'Promises to pay',
      plan: 'Payment plans',
      dispute: 'Disputes answered',
      search: 'Address searches',
    } as Record<string, string>,
    letterKinds: {
      REMINDER_LETTER: 'Reminder letter',
      REGISTERED_LETTER: 'Registered letter',
      FORMAL_NOTICE: 'Formal notice',
      PRE_JUDICIAL_WARNING: 'Pre-judicial warning',
      DOSSIER: 'Judicial dossier',
      RECEIPT: 'Receipt',
      PLAN_LETTER: 'Payment plan letter',
    } as Record<string, string>,
  },
} as const;

/** The sentence saying why a file closed, in the report's words (the certificate says it the same way). */
export function closingReasonText(reason: string, locale: LetterLocale): string {
  return T[locale].reasons[reason] ?? reason;
}

export function drawClosingReport(doc: PDFKit.PDFDocument, data: ClosingReportData): void {
  const t = T[data.locale];
  const money = (c: number) => formatMoney(c, data.currency, data.locale);
  const day = (d: string) => formatDateShort(d.slice(0, 10), data.locale);
  newPage(doc);
  text(doc, data.agency.name, MARGIN.left, MARGIN.top, { font: 'bold', size: 12, width: CONTENT_WIDTH });
  text(doc, `${data.agency.legalName} — ${data.agency.address}`, MARGIN.left, doc.y, {
    size: SIZE.small,
    width: CONTENT_WIDTH,
  });
  doc.y += 4;
  text(doc, t.title, MARGIN.left, doc.y, { font: 'bold', size: 15, width: CONTENT_WIDTH });
  doc.y += 2;
  text(doc, t.prepared(day(data.date)), MARGIN.left, doc.y, { size: SIZE.small, width: CONTENT_WIDTH });
  doc.y += 6 * MM;
  paragraph(doc, [
    { text: `${t.file} `, bold: true },
    { text: `${data.file.reference}, ${t.placed} ${day(data.file.placedOn)}` },
  ]);
  paragraph(doc, [
    { text: `${t.creditor} : `, bold: true },
    { text: `${data.creditor.name} — ${data.creditor.address}` },
  ]);
  paragraph(doc, [
    { text: `${t.debtor} : `, bold: true },
    { text: `${data.debtor.name} (${data.debtor.kind === 'PERSON' ? t.person : t.company})` },
  ]);

  heading(doc, t.why);
  paragraph(doc, [{ text: closingReasonText(data.closing.reason, data.locale), bold: true }]);
  paragraph(doc, t.decided(day(data.closing.decidedOn), data.closing.decidedBy));
  if (data.closing.evidenceName)
    paragraph(doc, [{ text: `${t.evidence} : `, bold: true }, { text: data.closing.evidenceName }]);
  if (data.closing.note) paragraph(doc, [{ text: `${t.note} : `, bold: true }, { text: data.closing.note }]);

  heading(doc, t.claims);
  const w = CONTENT_WIDTH / 4;
  table(
    doc,
    [
      { header: t.invoice, width: w * 1.2 },
      { header: t.due, width: w * 0.8 },
      { header: t.placedAmount, width: w, align: 'right' },
      { header: t.left, width: w, align: 'right' },
    ],
    [
      ...data.claims.map((c) => ({
        cells: [c.invoiceNumber, day(c.dueOn), money(c.principalCents), money(c.principalDueCents)],
      })),
      {
        cells: [t.total, '', money(data.placedCents), money(data.claims.reduce((s, c) => s + c.principalDueCents, 0))],
        kind: 'total' as const,
      },
    ],
  );

  headedTable(
    doc,
    t.money,
    t.noPayment,
    [
      { header: t.on, width: CONTENT_WIDTH * 0.5 },
      { header: t.amount, width: CONTENT_WIDTH * 0.5, align: 'right' },
    ],
    data.payments.length === 0
      ? []
      : [
          ...data.payments.map((p) => ({ cells: [day(p.on), money(p.amountCents)] })),
          { cells: [t.collected, money(data.collectedCents)], kind: 'total' as const },
        ],
  );
  headedTable(
    doc,
    t.costs,
    t.noCosts,
    [
      { header: t.kind, width: CONTENT_WIDTH * 0.7 },
      { header: t.amount, width: CONTENT_WIDTH * 0.3, align: 'right' },
    ],
    data.costs.map((c) => ({
      cells: [c.kind === 'COMMISSION' ? t.commission : (c.label ?? ''), money(c.amountCents)],
    })),
  );
  paragraph(doc, [{ text: `${t.owed} : `, bold: true }, { text: money(data.closing.owedCents) }]);
  if (data.closing.reason !== 'PAID' && data.closing.owedCents > 0)
    paragraph(doc, [{ text: `${t.writtenOff} : `, bold: true }, { text: money(data.closing.owedCents) }]);

  heading(doc, t.done);
  if (data.actions.length === 0) paragraph(doc, t.noActions);
  else paragraph(doc, data.actions.map((a) => `${t.actionKinds[a.kind] ?? a.kind} : ${a.count}`).join(' · '));
  if (data.letters.length > 0)
    table(
      doc,
      [
        { header: t.on, width: CONTENT_WIDTH * 0.2 },
        { header: t.kind, width: CONTENT_WIDTH * 0.45 },
        { header: t.reference, width: CONTENT_WIDTH * 0.35 },
      ],
      data.letters.map((l) => ({ cells: [day(l.on), t.letterKinds[l.kind] ?? l.kind, l.reference] })),
    );

  headedTable(
    doc,
    t.procedures,
    t.noProcedure,
    [
      { header: t.on, width: CONTENT_WIDTH * 0.2 },
      { header: t.kind, width: CONTENT_WIDTH * 0.8 },
    ],
    data.procedures.map((p) => ({ cells: [day(p.on), p.summary] })),
  );
}

export async function renderClosingReport(data: ClosingReportData): Promise<Buffer> {
  return renderToBuffer(
    {
      title: `${T[data.locale].title} ${data.file.reference}`,
      author: data.agency.name,
      locale: data.locale,
      date: data.date,
    },
    (doc) => drawClosingReport(doc, data),
  );
}
