import { formatDateShort, formatMoney } from './format';
import { MARGIN, MM, SIZE, CONTENT_WIDTH, heading, newPage, paragraph, renderToBuffer, table, text } from './layout';
import { headedTable } from './sections';
import type { ClaimLine, ClaimTotals, IsoDate, LetterLocale } from './types';

/*
 * The summary dossier a manager reads before deciding to go to court (issue 5, escalation): the claims and what is
 * owed today, every document sent, and every contact made, in date order. An internal document: no letterhead
 * window, no payment block.
 */

export interface DossierData {
  locale: LetterLocale;
  date: IsoDate;
  agencyName: string;
  file: { reference: string; nature: string; placedOn: IsoDate };
  debtor: { name: string; kind: 'PERSON' | 'COMPANY'; address: string };
  creditor: { name: string };
  currency: string;
  claims: ClaimLine[];
  totals: ClaimTotals;
  documents: {
    date: IsoDate;
    kind: string;
    reference: string;
    tracking?: string | null;
    acknowledgedOn?: IsoDate | null;
  }[];
  /** Every line of the file's timeline: calls, letters, e-mails, promises, payments, disputes. */
  contacts: { at: string; kind: string; summary: string }[];
}

const T = {
  fr: {
    title: 'Dossier de transmission au contentieux',
    file: 'Dossier',
    placed: 'confié le',
    debtor: 'Débiteur',
    creditor: 'Créancier',
    person: 'particulier',
    company: 'entreprise',
    claims: 'Créances',
    invoice: 'Facture',
    due: 'Échéance',
    principal: 'Principal',
    interest: 'Intérêts',
    indemnity: 'Indemnité',
    total: 'Total',
    paid: 'Déjà réglé',
    owed: 'Reste dû',
    documents: 'Courriers envoyés',
    date: 'Date',
    kind: 'Nature',
    reference: 'Référence',
    tracking: 'Recommandé / AR',
    contacts: 'Historique des contacts et actions',
    at: 'Quand',
    what: 'Quoi',
    none: 'Aucun.',
    prepared: (d: string) => `Établi le ${d}`,
    kinds: {
      REMINDER_LETTER: 'Lettre de relance',
      REGISTERED_LETTER: 'Lettre recommandée avec AR',
      FORMAL_NOTICE: 'Mise en demeure',
      PRE_JUDICIAL_WARNING: 'Avertissement avant poursuites',
      DOSSIER: 'Dossier contentieux',
    } as Record<string, string>,
  },
  en: {
    title: 'Dossier for a judicial decision',
    file: 'File',
    placed: 'placed on',
    debtor: 'Debtor',
    creditor: 'Creditor',
    person: 'individual',
    company: 'company',
    claims: 'Claims',
    invoice: 'Invoice',
    due: 'Due',
    principal: 'Principal',
    interest: 'Interest',
    indemnity: 'Indemnity',
    total: 'Total',
    paid: 'Already paid',
    owed: 'Still owed',
    documents: 'Letters sent',
    date: 'Date',
    kind: 'Kind',
    reference: 'Reference',
    tracking: 'Registered / receipt',
    contacts: 'History of contacts and actions',
    at: 'When',
    what: 'What',
    none: 'None.',
    prepared: (d: string) => `Prepared on ${d}`,
    kinds: {
      REMINDER_LETTER: 'Reminder letter',
      REGISTERED_LETTER: 'Registered letter',
      FORMAL_NOTICE: 'Formal notice',
      PRE_JUDICIAL_WARNING: 'Pre-judicial warning',
      DOSSIER: 'Judicial dossier',
    } as Record<string, string>,
  },
} as const;

/** Draws the dossier on `doc`; returns its page count. */
export function drawDossier(doc: PDFKit.PDFDocument, data: DossierData): number {
  const t = T[data.locale];
  const money = (c: number) => formatMoney(c, data.currency, data.locale);
  const day = (d: string) => formatDateShort(d.slice(0, 10), data.locale);
  const first = doc.bufferedPageRange().count;
  newPage(doc);
  text(doc, data.agencyName, MARGIN.left, MARGIN.top, { font: 'bold', size: 12, width: CONTENT_WIDTH });
  doc.y += 4;
  text(doc, t.title, MARGIN.left, doc.y, { font: 'bold', size: 15, width: CONTENT_WIDTH });
  doc.y += 2;
  text(doc, t.prepared(day(data.date)), MARGIN.left, doc.y, { size: SIZE.small, width: CONTENT_WIDTH });
  doc.y += 8 * MM;
  paragraph(doc, [
    { text: `${t.file} `, bold: true },
    { text: `${data.file.reference} (${data.file.nature}), ${t.placed} ${day(data.file.placedOn)}` },
  ]);
  paragraph(doc, [
    { text: `${t.debtor} : `, bold: true },
    { text: `${data.debtor.name} (${data.debtor.kind === 'PERSON' ? t.person : t.company}) — ${data.debtor.address}` },
  ]);
  paragraph(doc, [{ text: `${t.creditor} : `, bold: true }, { text: data.creditor.name }]);

  heading(doc, t.claims);
  const w = CONTENT_WIDTH / 7;
  table(
    doc,
    [
      { header: t.invoice, width: w * 1.6 },
      { header: t.due, width: w },
      { header: t.principal, width: w * 1.1, align: 'right' },
      { header: t.interest, width: w * 1.1, align: 'right' },
      { header: t.indemnity, width: w * 1.1, align: 'right' },
      { header: t.total, width: w * 1.1, align: 'right' },
    ],
    [
      ...data.claims.map((c) => ({
        cells: [
          c.invoiceNumber,
          day(c.dueOn),
          money(c.principalCents),
          money(c.interestCents),
          money(c.indemnityCents),
          money(c.principalCents + c.interestCents + c.indemnityCents),
        ],
      })),
      { cells: [t.paid, '', '', '', '', `– ${money(data.totals.paidCents)}`], kind: 'muted' as const },
      { cells: [t.owed, '', '', '', '', money(data.totals.dueCents)], kind: 'total' as const },
    ],
  );

  headedTable(
    doc,
    t.documents,
    t.none,
    [
      { header: t.date, width: CONTENT_WIDTH * 0.15 },
      { header: t.kind, width: CONTENT_WIDTH * 0.3 },
      { header: t.reference, width: CONTENT_WIDTH * 0.25 },
      { header: t.tracking, width: CONTENT_WIDTH * 0.3 },
    ],
    data.documents.map((d) => ({
      cells: [
        day(d.date),
        t.kinds[d.kind] ?? d.kind,
        d.reference,
        [d.tracking ?? '', d.acknowledgedOn ? `AR ${day(d.acknowledgedOn)}` : ''].filter(Boolean).join(' · '),
      ],
    })),
  );
  headedTable(
    doc,
    t.contacts,
    t.none,
    [
      { header: t.at, width: CONTENT_WIDTH * 0.18 },
      { header: t.what, width: CONTENT_WIDTH * 0.82 },
    ],
    data.contacts.map((c) => ({ cells: [day(c.at), c.summary] })),
  );
  const pages = doc.bufferedPageRange().count - first;
  return pages;
}

export async function renderDossier(data: DossierData): Promise<{ pdf: Buffer; pages: number }> {
  let pages = 0;
  const pdf = await renderToBuffer(
    {
      title: `${T[data.locale].title} ${data.file.reference}`,
      author: data.agencyName,
      locale: data.locale,
      date: data.date,
    },
    (doc) => {
      pages = drawDossier(doc, data);
    },
  );
  return { pdf, pages };
}
