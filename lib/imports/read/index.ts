import { open, stat } from 'node:fs/promises';
import { readCsv } from './csv';
import { detectFormat, HEAD_BYTES, type FileFormat } from './detect';
import { isBlankRow, uniqueHeaders } from './headers';
import { formatSize, refuse } from './refuse';
import type { RawRow, RowSource } from './row';
import { readXlsx } from './xlsx';

export type { FileFormat } from './detect';
export type { RawRow } from './row';

export interface UploadedFile {
  path: string;
  /** The name the creditor gave it: used for messages only, never to decide the format. */
  fileName: string;
}

export interface ReadOptions {
  /** Largest file accepted; IMPORT_MAX_BYTES or 50 MB. */
  maxBytes?: number;
  /** Largest total an XLSX file may inflate to; 500 MB. */
  maxUncompressedBytes?: number;
}

export interface OpenedRows {
  format: FileFormat;
  encoding?: string;
  delimiter?: string;
  headers: string[];
  /** Data rows, blank rows left out, each with at least as many cells as there are headers. */
  rows: AsyncIterable<RawRow>;
  /** Releases the file when the rows are not read to the end (a `break` out of the loop does it too). */
  close: () => Promise<void>;
}

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const DEFAULT_MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024;

/**
 * Opens an uploaded CSV or XLSX file as a header and a stream of rows of strings, with constant memory.
 * Refuses (AppError INVALID, with a message for the creditor) an empty, oversized, binary, misencoded or
 * forged file, and one with a header but no data.
 */
export async function openRows(source: UploadedFile, options: ReadOptions = {}): Promise<OpenedRows> {
  const maxBytes = options.maxBytes ?? (Number(process.env.IMPORT_MAX_BYTES) || DEFAULT_MAX_BYTES);
  const { size } = await stat(source.path);
  if (size > maxBytes) throw refuse('tooLarge', { size: formatSize(maxBytes) });
  if (size === 0) throw refuse('empty');
  const head = await readHead(source.path);
  const format = detectFormat(head, source.fileName);
  const maxUncompressedBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const reader: RowSource & { encoding?: string; delimiter?: string } =
    format === 'csv' ? readCsv(source.path, head, size) : await readXlsx(source.path, { maxUncompressedBytes });
  try {
    const header = await nextFilled(reader);
    if (!header) throw refuse('empty');
    const first = await nextFilled(reader);
    if (!first) throw refuse('headerOnly');
    const headers = uniqueHeaders(header.cells);
    return {
      format,
      ...(reader.encoding ? { encoding: reader.encoding, delimiter: reader.delimiter } : {}),
      headers,
      rows: dataRows(first, reader, headers.length),
      close: reader.close,
    };
  } catch (error) {
    await reader.close();
    throw error;
  }
}

/** The header and the first `n` data rows, for the mapping screen; reads no further than those. */
export async function previewRows(
  source: UploadedFile,
  n: number,
  options: ReadOptions = {},
): Promise<{ format: FileFormat; encoding?: string; delimiter?: string; headers: string[]; rows: string[][] }> {
  const { rows, close, ...opened } = await openRows(source, options);
  const preview: string[][] = [];
  try {
    if (n > 0) {
      for await (const row of rows) {
        preview.push(row.cells);
        if (preview.length >= n) break;
      }
    }
  } finally {
    await close();
  }
  return { ...opened, rows: preview };
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function nextFilled(reader: RowSource): Promise<RawRow | null> {
  for (;;) {
    const next = await reader.rows.next();
    if (next.done) return null;
    if (!isBlankRow(next.value.cells)) return next.value;
  }
}

// Blank rows carry no receivable: skipped wherever they are (trailing ones especially), numbering kept.
async function* dataRows(first: RawRow, reader: RowSource, width: number): AsyncGenerator<RawRow> {
  try {
    yield padded(first, width);
    for (let row = await nextFilled(reader); row; row = await nextFilled(reader)) yield padded(row, width);
  } finally {
    await reader.close();
  }
}

function padded(row: RawRow, width: number): RawRow {
  while (row.cells.length < width) row.cells.push('');
  return row;
}
