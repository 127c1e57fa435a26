import { csvCell } from '../csv/cells';
import { drawFormalNotice } from './formal-notice';
import { createDocument } from './layout';
import { drawPlanLetter } from './plan-letter';
import { drawPreJudicialWarning } from './pre-judicial-warning';
import { drawReceipt } from './receipt';
import { drawReminder } from './reminder-letter';
import type {
  Addressee,
  FormalNoticeData,
  IsoDate,
  LetterKind,
  LetterData,
  PlanLetterData,
  PreJudicialWarningData,
  ReceiptData,
} from './types';

/*
 * Print runs for the mailing house (courrier en nombre): every letter drawn straight into ONE document — fonts
 * and objects shared, no PDF parsing or concatenation — each starting on a new page with its own "Page n/N", plus a
 * manifest line per letter. Pages are flushed letter by letter so memory holds one letter's pages at a time.
 */

export type BatchItem =
  | { kind: 'reminder'; data: LetterData }
  /** Also the registered reminder: `data.variant` says which, and the manifest reports it. */
  | { kind: 'formal-notice'; data: FormalNoticeData }
  | { kind: 'pre-judicial-warning'; data: PreJudicialWarningData }
  | { kind: 'plan-letter'; data: PlanLetterData }
  | { kind: 'receipt'; data: ReceiptData };

export interface ManifestRow {
  /** 1-based position in the run. */
  sequence: number;
  kind: LetterKind;
  fileReference: string;
  /** The letter's own reference (receipt number for receipts). */
  letterReference: string;
  debtorName: string;
  /** Lines under the name: attention line and street lines, at most four. */
  addressLines: string[];
  postcode: string;
  city: string;
  country: string;
  registered: boolean;
  trackingNumber: string;
  /** First page of this letter in the merged PDF, 1-based. */
  firstPage: number;
  pages: number;
}

export interface BatchOptions {
  /** Letters drawn between two yields to the event loop, so a worker's job lock keeps being renewed. */
  yieldEvery?: number;
}

function drawItem(doc: PDFKit.PDFDocument, item: BatchItem): number {
  switch (item.kind) {
    case 'reminder':
      return drawReminder(doc, item.data);
    case 'formal-notice':
      return drawFormalNotice(doc, item.data);
    case 'pre-judicial-warning':
      return drawPreJudicialWarning(doc, item.data);
    case 'plan-letter':
      return drawPlanLetter(doc, item.data);
    case 'receipt':
      return drawReceipt(doc, item.data);
  }
}

function letterReference(item: BatchItem): string {
  return item.kind === 'receipt' ? item.data.receiptNumber : item.data.reference;
}

function registeredMail(item: BatchItem) {
  return item.kind === 'formal-notice' || item.kind === 'pre-judicial-warning' ? item.data.registeredMail : null;
}

function manifestRow(item: BatchItem, sequence: number, firstPage: number, pages: number): ManifestRow {
  const debtor: Addressee = item.data.debtor;
  const registered = registeredMail(item);
  return {
    sequence,
    kind: item.kind === 'formal-notice' ? item.data.variant : item.kind,
    fileReference: item.data.file.reference,
    letterReference: letterReference(item),
    debtorName: debtor.name,
    addressLines: [...(debtor.attention ? [debtor.attention] : []), ...debtor.address.lines],
    postcode: debtor.address.postcode,
    city: debtor.address.city,
    country: debtor.address.country ?? '',
    registered: !!registered,
    trackingNumber: registered?.trackingNumber ?? '',
    firstPage,
    pages,
  };
}

/** Draws the run into `doc` (for example piped to a file) and returns the manifest; the caller ends the doc. */
export async function drawBatch(
  doc: PDFKit.PDFDocument,
  items: BatchItem[],
  options: BatchOptions = {},
): Promise<ManifestRow[]> {
  const yieldEvery = options.yieldEvery ?? 50;
  const rows: ManifestRow[] = [];
  let nextPage = 1;
  for (const [index, item] of items.entries()) {
    const pages = drawItem(doc, item);
    rows.push(manifestRow(item, index + 1, nextPage, pages));
    nextPage += pages;
    if ((index + 1) % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

/** One merged PDF for the run and its manifest. */
export async function renderBatch(
  items: BatchItem[],
  meta: { title: string; author: string; date: IsoDate },
  options: BatchOptions = {},
): Promise<{ pdf: Buffer; manifest: ManifestRow[] }> {
  const doc = createDocument({ ...meta, locale: 'fr' });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const manifest = await drawBatch(doc, items, options);
  doc.end();
  return { pdf: await done, manifest };
}

const MAX_ADDRESS_LINES = 4;

/**
 * The manifest as CSV for the mailing house: UTF-8 with BOM and ';' so French Excel opens it, CRLF lines, every
 * cell neutralised against formula injection (OWASP ASVS 1.2.10, lib/csv/cells.ts).
 */
export function manifestCsv(rows: ManifestRow[]): string {
  const header = [
    'sequence',
    'file_reference',
    'letter_reference',
    'letter_kind',
    'debtor_name',
    ...Array.from({ length: MAX_ADDRESS_LINES }, (_, i) => `address_${i + 1}`),
    'postcode',
    'city',
    'country',
    'registered',
    'tracking_number',
    'first_page',
    'pages',
  ];
  const lines = rows.map((row) => {
    const address = row.addressLines.slice(0, MAX_ADDRESS_LINES);
    // More street lines than columns: the overflow joins the last column rather than being dropped.
    if (row.addressLines.length > MAX_ADDRESS_LINES) {
      address[MAX_ADDRESS_LINES - 1] = row.addressLines.slice(MAX_ADDRESS_LINES - 1).join(', ');
    }
    return [
      row.sequence,
      row.fileReference,
      row.letterReference,
      row.kind,
      row.debtorName,
      ...Array.from({ length: MAX_ADDRESS_LINES }, (_, i) => address[i] ?? ''),
      row.postcode,
      row.city,
      row.country,
      row.registered ? 'yes' : 'no',
      row.trackingNumber,
      row.firstPage,
      row.pages,
    ]
      .map(csvCell)
      .join(';');
  });
  return '\uFEFF' + [header.map(csvCell).join(';'), ...lines].join('\r\n') + '\r\n';
}
