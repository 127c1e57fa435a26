import path from 'node:path';
import { addressLines, addressOneLine, formatDateLong, formatDateShort, winAnsi } from './format';
import { drawQr } from './epc-qr';
import { LetterDocument } from './letter-document';
import type { Addressee, AgencyIdentity, IsoDate, LetterLocale, RegisteredMail, Signatory } from './types';

/*
 * Page layout shared by every document: A4 portrait, standard Helvetica only (WinAnsi, no font file to load), the
 * addressee in the window of a French DL envelope — window on the right, 100 × 45 mm, 20 mm from the right edge and
 * 15 mm from the bottom of a 220 × 110 mm envelope — so a letter folded in three shows the address and nothing else.
 */

export const MM = 72 / 25.4;
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = { left: 20 * MM, right: 20 * MM, top: 20 * MM, bottom: 21 * MM };
export const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
/** The address zone, kept inside the window with room for the letter to move in the envelope. */
export const ADDRESS_WINDOW = { x: 105 * MM, y: 50 * MM, width: 85 * MM, height: 35 * MM };
/** Folded in three: the top third carries the address. */
const FOLD_MARKS = [99 * MM, 198 * MM];

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
export const SIZE = { body: 9, small: 7.8, tiny: 6.8 } as const;
export const COLOR = { text: '#111111', muted: '#555555', rule: '#999999', shade: '#F0F0F0' } as const;

const T = {
  fr: {
    amicable: 'Société de recouvrement amiable',
    siren: 'SIREN',
    phone: 'Tél.',
    registered: 'LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION',
    tracking: 'N° de recommandé :',
    page: (n: number, of: number) => `Page ${n}/${of}`,
    datedAt: (place: string, date: string) => `${place}, le ${date}`,
    file: 'Dossier',
    regards: "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    salutation: 'Madame, Monsieur,',
    department: 'Le service recouvrement',
    subject: 'Objet :',
  },
  en: {
    amicable: 'Amicable debt collection agency',
    siren: 'SIREN',
    phone: 'Tel.',
    registered: 'REGISTERED LETTER WITH ACKNOWLEDGEMENT OF RECEIPT',
    tracking: 'Registered mail no.:',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    datedAt: (place: string, date: string) => `${place}, ${date}`,
    file: 'File',
    regards: 'Yours faithfully,',
    salutation: 'Dear Sir or Madam,',
    department: 'Collections department',
    subject: 'Subject:',
  },
} as const;

export function labels(locale: LetterLocale) {
  return T[locale];
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject?: string;
  locale: LetterLocale;
  /** Dates the PDF too, so the same data always gives the same bytes. */
  date: IsoDate;
  /**
   * Embeds the fonts (vendor/fonts, Helvetica's metrics) instead of naming the standard ones, for a document that
   * must be a PDF/A (a Factur-X invoice).
   */
  embedFonts?: boolean;
}

/** What every document is created with (exported so a test can build the same document with plain pdfkit). */
export function documentOptions(meta: DocumentMeta): PDFKit.PDFDocumentOptions {
  return {
    size: 'A4',
    margins: MARGIN,
    autoFirstPage: false,
    // Pages stay in memory until a letter is finished so its footer can say "Page 1/2"; then they are flushed.
    bufferPages: true,
    compress: true,
    lang: meta.locale === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: {
      Title: winAnsi(meta.title),
      Author: winAnsi(meta.author),
      ...(meta.subject ? { Subject: winAnsi(meta.subject) } : {}),
      Creator: 'Recouvra',
      CreationDate: new Date(`${meta.date}T12:00:00Z`),
    },
  };
}

const EMBEDDED_FACES: Record<(typeof FONT)[keyof typeof FONT], string> = {
  Helvetica: 'LiberationSans-Regular.ttf',
  'Helvetica-Bold': 'LiberationSans-Bold.ttf',
  'Helvetica-Oblique': 'LiberationSans-Italic.ttf',
};

export function createDocument(meta: DocumentMeta): PDFKit.PDFDocument {
  if (!meta.embedFonts) return new LetterDocument(documentOptions(meta));
  // Beside the standalone server (traced into it, next.config.js) or at the root of a checkout: the same path.
  const dir = path.join(process.cwd(), 'vendor', 'fonts');
  // The embedded face from the start: pdfkit would otherwise open the standard Helvetica as its default font and
  // keep it under that name, which the registration below could no longer replace.
  const doc = new LetterDocument({ ...documentOptions(meta), font: path.join(dir, EMBEDDED_FACES.Helvetica) });
  for (const [name, file] of Object.entries(EMBEDDED_FACES)) doc.registerFont(name, path.join(dir, file));
  return doc;
}

/** Runs `draw` on a fresh document and returns the finished PDF. */
export async function renderToBuffer(meta: DocumentMeta, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = createDocument(meta);
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------------------------
// Text primitives: every string goes through winAnsi() before reaching the standard fonts.

export interface TextStyle {
  font?: keyof typeof FONT;
  size?: number;
  color?: string;
}

export function style(doc: PDFKit.PDFDocument, s: TextStyle = {}): PDFKit.PDFDocument {
  return doc
    .font(FONT[s.font ?? 'regular'])
    .fontSize(s.size ?? SIZE.body)
    .fillColor(s.color ?? COLOR.text);
}

export function text(
  doc: PDFKit.PDFDocument,
  value: string,
  x: number,
  y: number | undefined,
  options: PDFKit.Mixins.TextOptions & TextStyle = {},
): void {
  const { font, size, color, ...textOptions } = options;
  style(doc, { font, size, color });
  doc.text(winAnsi(value), x, y, textOptions);
}

export function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

const PAGE_OPTIONS = { size: 'A4', margins: MARGIN } as const;

/** Our own page geometry, whatever the document was created with (a caller may hand in its own document). */
export function newPage(doc: PDFKit.PDFDocument): void {
  doc.addPage({ ...PAGE_OPTIONS, margins: { ...MARGIN } });
  doc.y = MARGIN.top;
}

/** Starts a new page when `height` points do not fit below the cursor; keeps blocks such as tables rows whole. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomLimit(doc)) newPage(doc);
}

export interface Span {
  text: string;
  bold?: boolean;
}

/** pdfkit drops the leading space of a continued text segment; a trailing one survives. */
function moveLeadingSpaces(spans: Span[]): Span[] {
  const out = spans.map((s) => ({ ...s }));
  for (let i = 1; i < out.length; i += 1) {
    const match = /^\s+/.exec(out[i]!.text);
    if (match) {
      out[i - 1]!.text += match[0];
      out[i]!.text = out[i]!.text.slice(match[0].length);
    }
  }
  return out;
}

/** A justified paragraph across the text column, optionally mixing bold spans. */
export function paragraph(
  doc: PDFKit.PDFDocument,
  content: string | Span[],
  options: { size?: number; gap?: number; align?: 'left' | 'justify'; italic?: boolean; color?: string } = {},
): void {
  const spans = typeof content === 'string' ? [{ text: content }] : moveLeadingSpaces(content);
  const size = options.size ?? SIZE.body;
  const common = { width: CONTENT_WIDTH, align: options.align ?? 'left', lineGap: 1.2 } as const;
  // Keep at least two lines together at the foot of a page.
  ensureSpace(doc, size * 2.6);
  spans.forEach((span, index) => {
    const font = span.bold ? 'bold' : options.italic ? 'italic' : 'regular';
    style(doc, { font, size, color: options.color });
    const continued = index < spans.length - 1;
    if (index === 0) doc.text(winAnsi(span.text), MARGIN.left, doc.y, { ...common, continued });
    else doc.text(winAnsi(span.text), { ...common, continued });
  });
  doc.x = MARGIN.left;
  doc.y += options.gap ?? size * 0.55;
}

export function heading(doc: PDFKit.PDFDocument, value: string, size = 10.5): void {
  ensureSpace(doc, size * 5);
  text(doc, value, MARGIN.left, doc.y, { font: 'bold', size, width: CONTENT_WIDTH });
  doc.y += size * 0.4;
}

export function rule(doc: PDFKit.PDFDocument, y: number, x1 = MARGIN.left, x2 = PAGE_WIDTH - MARGIN.right): void {
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
}

// ---------------------------------------------------------------------------------------------------------------
// Tables: fixed columns, rows that wrap, the header repeated after a page break.

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface Row {
  cells: string[];
  /** 'total' rows are bold on a shaded band; 'bold' rows only bold; 'muted' rows small and grey. */
  kind?: 'normal' | 'bold' | 'total' | 'muted';
  /** A smaller line under the row, from the first column over `noteSpan` columns (the basis of a claim). */
  note?: string | null;
}

const CELL_PAD = 2.5;

export function table(
  doc: PDFKit.PDFDocument,
  columns: Column[],
  rows: Row[],
  { size = SIZE.small, noteSpan = 1, width = CONTENT_WIDTH }: { size?: number; noteSpan?: number; width?: number } = {},
): void {
  const noteWidth = columns.slice(0, noteSpan).reduce((w, c) => w + c.width, 0) - 2 * CELL_PAD;
  const drawHeader = () => {
    const height = size + 2 * CELL_PAD + 2;
    ensureSpace(doc, height + size * 3);
    const y = doc.y;
    doc.save().rect(MARGIN.left, y, width, height).fill(COLOR.shade).restore();
    let x = MARGIN.left;
    for (const column of columns) {
      text(doc, column.header, x + CELL_PAD, y + CELL_PAD + 1, {
        font: 'bold',
        size,
        width: column.width - 2 * CELL_PAD,
        align: column.align ?? 'left',
        lineBreak: false,
      });
      x += column.width;
    }
    doc.y = y + height;
  };

  drawHeader();
  for (const row of rows) {
    const kind = row.kind ?? 'normal';
    const font = kind === 'bold' || kind === 'total' ? 'bold' : 'regular';
    const rowSize = kind === 'muted' ? size - 0.5 : size;
    style(doc, { font, size: rowSize });
    let height = 0;
    row.cells.forEach((cell, i) => {
      height = Math.max(height, doc.heightOfString(winAnsi(cell), { width: columns[i]!.width - 2 * CELL_PAD }));
    });
    let noteHeight = 0;
    if (row.note) {
      style(doc, { size: SIZE.tiny });
      noteHeight = doc.heightOfString(winAnsi(row.note), { width: noteWidth }) + 1;
    }
    const rowHeight = Math.max(height, rowSize) + noteHeight + 2 * CELL_PAD;
    if (doc.y + rowHeight > bottomLimit(doc)) {
      newPage(doc);
      drawHeader();
    }
    const y = doc.y;
    if (kind === 'total') doc.save().rect(MARGIN.left, y, width, rowHeight).fill(COLOR.shade).restore();
    let x = MARGIN.left;
    row.cells.forEach((cell, i) => {
      const column = columns[i]!;
      text(doc, cell, x + CELL_PAD, y + CELL_PAD, {
        font,
        size: rowSize,
        color: kind === 'muted' ? COLOR.muted : COLOR.text,
        width: column.width - 2 * CELL_PAD,
        align: column.align ?? 'left',
      });
      if (i === 0 && row.note) {
        text(doc, row.note, x + CELL_PAD, y + CELL_PAD + height + 1, {
          size: SIZE.tiny,
          color: COLOR.muted,
          width: noteWidth,
        });
      }
      x += column.width;
    });
    rule(doc, y + rowHeight, MARGIN.left, MARGIN.left + width);
    doc.y = y + rowHeight;
  }
  doc.x = MARGIN.left;
  doc.y += 6;
}

// ---------------------------------------------------------------------------------------------------------------
// First page: letterhead, addressee, place and date, references.

function drawLetterhead(doc: PDFKit.PDFDocument, agency: AgencyIdentity, locale: LetterLocale): void {
  const t = T[locale];
  const width = 80 * MM;
  text(doc, agency.name, MARGIN.left, 14 * MM, { font: 'bold', size: 15, width, lineBreak: false });
  doc.y += 2;
  const lines = [
    ...(agency.legalName !== agency.name ? [agency.legalName] : []),
    ...addressLines(agency.address),
    [agency.phone ? `${t.phone} ${agency.phone}` : '', agency.email ?? ''].filter(Boolean).join(' · '),
    agency.contactHours ?? '',
    agency.siren ? `${t.siren} ${agency.siren}` : '',
  ].filter(Boolean);
  text(doc, t.amicable, MARGIN.left, doc.y, { font: 'italic', size: SIZE.small, width });
  text(doc, lines.join('\n'), MARGIN.left, doc.y, { size: SIZE.small, color: COLOR.muted, width, lineGap: 0.5 });
}

function drawFoldMarks(doc: PDFKit.PDFDocument): void {
  doc.save().lineWidth(0.4).strokeColor(COLOR.rule);
  for (const y of FOLD_MARKS)
    doc
      .moveTo(4 * MM, y)
      .lineTo(8 * MM, y)
      .stroke();
  doc.restore();
}

export function drawAddressee(doc: PDFKit.PDFDocument, addressee: Addressee): void {
  const { x, y, width, height } = ADDRESS_WINDOW;
  const name = winAnsi(addressee.name);
  const lines = winAnsi(
    [...(addressee.attention ? [addressee.attention] : []), ...addressLines(addressee.address)].join('\n'),
  );
  // Long names or many lines shrink the type rather than spill out of the window.
  let size = 10;
  const measure = (s: number) =>
    style(doc, { font: 'bold', size: s }).heightOfString(name, { width, lineGap: 1 }) +
    style(doc, { size: s }).heightOfString(lines, { width, lineGap: 1 });
  while (size > 7 && measure(size) > height) size -= 0.5;
  text(doc, name, x, y, { font: 'bold', size, width, lineGap: 1 });
  text(doc, lines, x, doc.y, { size, width, lineGap: 1 });
}

/** Full-width line above the subject; a blank slot when the tracking number is not known at print time. */
function drawRegisteredMention(doc: PDFKit.PDFDocument, registered: RegisteredMail, locale: LetterLocale): void {
  const t = T[locale];
  const y = doc.y;
  text(doc, t.registered, MARGIN.left, y, { font: 'bold', size: SIZE.small + 0.5, lineBreak: false });
  const x = MARGIN.left + doc.widthOfString(winAnsi(t.registered)) + 12;
  text(doc, t.tracking, x, y, { size: SIZE.small + 0.5, lineBreak: false });
  const valueX = x + doc.widthOfString(winAnsi(t.tracking)) + 4;
  const tracking = registered.trackingNumber?.trim();
  if (tracking) text(doc, tracking, valueX, y, { font: 'bold', size: SIZE.small + 0.5, lineBreak: false });
  else rule(doc, y + SIZE.small + 1, valueX, Math.min(valueX + 45 * MM, PAGE_WIDTH - MARGIN.right));
  doc.x = MARGIN.left;
  doc.y = y + SIZE.small + 8;
}

export interface FirstPageOptions {
  agency: AgencyIdentity;
  locale: LetterLocale;
  addressee: Addressee;
  date: IsoDate;
  place?: string | null;
  /** Label/value pairs printed under the letterhead: file, references, first letter. */
  references: [string, string][];
  registeredMail?: RegisteredMail | null;
  subject: string;
  /** The debtor's private page (issue 17): printed with a QR code in the left column, under the references. */
  debtorPageUrl?: string | null;
}

/** Draws the first page's fixed parts and leaves the cursor where the body starts. */
export function drawFirstPage(doc: PDFKit.PDFDocument, o: FirstPageOptions): void {
  const t = T[o.locale];
  drawFoldMarks(doc);
  drawLetterhead(doc, o.agency, o.locale);
  drawAddressee(doc, o.addressee);

  // References sit in the left column beside the window: hidden by the envelope, readable once opened.
  const labelWidth = 27 * MM;
  let y = 56 * MM;
  for (const [label, value] of o.references) {
    text(doc, label, MARGIN.left, y, { size: SIZE.small, color: COLOR.muted, width: labelWidth, lineBreak: false });
    text(doc, value, MARGIN.left + labelWidth, y, { font: 'bold', size: SIZE.small, width: 52 * MM });
    y = doc.y + 1.5;
  }

  if (o.debtorPageUrl) y = drawOnlinePage(doc, o.debtorPageUrl, o.locale, y);

  const place = o.place?.trim() || o.agency.address.city;
  text(doc, t.datedAt(place, formatDateLong(o.date, o.locale)), ADDRESS_WINDOW.x, 88 * MM, {
    width: ADDRESS_WINDOW.width,
    size: SIZE.body,
  });
  doc.y = Math.max(y, doc.y) + 9;
  if (o.registeredMail) drawRegisteredMention(doc, o.registeredMail, o.locale);
  paragraph(doc, [{ text: `${t.subject} ${o.subject}`, bold: true }], { gap: 8, align: 'left' });
}

/**
 * The debtor's page in the left column, beside the date: free space on every first page, so a letter that fitted
 * on one page still does. Returns where the column ends.
 */
function drawOnlinePage(doc: PDFKit.PDFDocument, url: string, locale: LetterLocale, after: number): number {
  const fr = locale === 'fr';
  const size = 15 * MM;
  const top = Math.max(after + 2 * MM, 73 * MM);
  drawQr(doc, url, MARGIN.left, top, size);
  const x = MARGIN.left + size + 3 * MM;
  const width = ADDRESS_WINDOW.x - x - 6 * MM;
  text(doc, fr ? 'Votre dossier en ligne' : 'Your file online', x, top - 0.5, {
    font: 'bold',
    size: SIZE.small,
    width,
  });
  text(doc, url.replace(/^https?:\/\//, ''), x, doc.y + 0.5, { size: SIZE.tiny, width });
  text(
    doc,
    fr
      ? 'Détail, paiement, contestation, rappel. Le code postal de cette adresse vous sera demandé.'
      : 'Detail, payment, dispute, call back. You will be asked the postcode of this address.',
    x,
    doc.y + 0.5,
    { size: SIZE.tiny, color: COLOR.muted, width },
  );
  return Math.max(doc.y, top + size);
}

export function salutation(doc: PDFKit.PDFDocument, locale: LetterLocale): void {
  paragraph(doc, T[locale].salutation, { align: 'left' });
}

/** Closing formula and signature; kept on one page with a little room for a handwritten signature. */
export function closing(
  doc: PDFKit.PDFDocument,
  locale: LetterLocale,
  agency: AgencyIdentity,
  signatory?: Signatory | null,
  { formula = true }: { formula?: boolean } = {},
): void {
  const t = T[locale];
  ensureSpace(doc, 62);
  if (formula) paragraph(doc, t.regards, { gap: 8 });
  const x = ADDRESS_WINDOW.x;
  const width = ADDRESS_WINDOW.width;
  const name = signatory ? signatory.name : t.department;
  const detail = signatory ? `${signatory.title ?? t.department} — ${agency.name}` : agency.name;
  text(doc, name, x, doc.y, { font: 'bold', width });
  text(doc, detail, x, doc.y + 1, { size: SIZE.small, color: COLOR.muted, width });
  doc.x = MARGIN.left;
  doc.y += 10;
}

/** Reference lines common to letters: file, this letter, the creditor's own reference, the first letter. */
export function referenceLines(
  locale: LetterLocale,
  refs: {
    file: string;
    letter?: string;
    creditorReference?: string | null;
    firstLetter?: { reference: string; date: IsoDate } | null;
  },
): [string, string][] {
  const fr = locale === 'fr';
  const lines: [string, string][] = [[fr ? 'Dossier n° :' : 'File no.:', refs.file]];
  if (refs.letter) lines.push([fr ? 'Notre référence :' : 'Our reference:', refs.letter]);
  if (refs.creditorReference) lines.push([fr ? 'Réf. créancier :' : "Creditor's ref.:", refs.creditorReference]);
  if (refs.firstLetter) {
    const date = formatDateShort(refs.firstLetter.date, locale);
    lines.push([
      fr ? 'Premier courrier :' : 'First letter:',
      fr ? `${refs.firstLetter.reference} du ${date}` : `${refs.firstLetter.reference} of ${date}`,
    ]);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// After a letter is drawn: footer and "Page n/N" on each of its pages, a short header on continuation pages.

export interface FrameOptions {
  agency: AgencyIdentity;
  locale: LetterLocale;
  /** Printed at the top of pages 2+ so a loose page finds its file. */
  runningHeader: string;
  /** The footer's lines instead of the agency's name, address and SIREN (an invoice names the seller fully). */
  footer?: string[];
}

export function startLetter(doc: PDFKit.PDFDocument): number {
  newPage(doc);
  const { start, count } = doc.bufferedPageRange();
  return start + count - 1;
}

/** Stamps the frame on the letter's pages, flushes them out of memory and returns how many pages it took. */
export function finishLetter(doc: PDFKit.PDFDocument, firstPage: number, frame: FrameOptions): number {
  const t = T[frame.locale];
  const { start, count } = doc.bufferedPageRange();
  const lastPage = start + count - 1;
  const pages = lastPage - firstPage + 1;
  const agency = frame.agency;
  const footer = frame.footer ?? [
    [agency.legalName, addressOneLine(agency.address), agency.siren ? `${t.siren} ${agency.siren}` : '']
      .filter(Boolean)
      .join(' — '),
    t.amicable,
  ];
  for (let n = 0; n < pages; n += 1) {
    doc.switchToPage(firstPage + n);
    // Writing inside the bottom margin must not trigger pdfkit's automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE_HEIGHT - 15 * MM;
    rule(doc, y - 4);
    text(doc, footer.join('\n'), MARGIN.left, y, {
      size: SIZE.tiny,
      color: COLOR.muted,
      width: CONTENT_WIDTH - 22 * MM,
      lineGap: 0.5,
    });
    text(doc, t.page(n + 1, pages), PAGE_WIDTH - MARGIN.right - 22 * MM, y, {
      size: SIZE.tiny,
      color: COLOR.muted,
      width: 22 * MM,
      align: 'right',
      lineBreak: false,
    });
    if (n > 0) {
      text(doc, frame.runningHeader, MARGIN.left, 10 * MM, {
        size: SIZE.tiny,
        color: COLOR.muted,
        width: CONTENT_WIDTH,
        align: 'right',
        lineBreak: false,
      });
    }
    doc.page.margins.bottom = bottom;
  }
  doc.flushPages();
  return pages;
}
