import { heading, paragraph, table, type Column, type Row } from './layout';

/**
 * A section of an internal document (the dossier, the closing report): its heading, then its table, or the line
 * saying there is nothing to list.
 */
export function headedTable(
  doc: PDFKit.PDFDocument,
  title: string,
  none: string,
  columns: Column[],
  rows: Row[],
): void {
  heading(doc, title);
  if (rows.length === 0) paragraph(doc, none);
  else table(doc, columns, rows);
}
