import { refuse } from './refuse';

export type FileFormat = 'csv' | 'xlsx';

/** How much of the file detection (and encoding and delimiter sniffing) looks at. */
export const HEAD_BYTES = 64 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// Files creditors upload by mistake, named so the message says what they actually sent.
const KNOWN_BINARIES: { what: string; test: (b: Buffer) => boolean }[] = [
  { what: 'png', test: (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { what: 'jpeg', test: (b) => at(b, 0, [0xff, 0xd8, 0xff]) },
  { what: 'gif', test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { what: 'webp', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { what: 'tiff', test: (b) => at(b, 0, [0x49, 0x49, 0x2a, 0x00]) || at(b, 0, [0x4d, 0x4d, 0x00, 0x2a]) },
  { what: 'bmp', test: (b) => ascii(b, 0, 'BM') && at(b, 6, [0, 0, 0, 0]) },
  { what: 'video', test: (b) => ascii(b, 4, 'ftyp') },
  { what: 'pdf', test: (b) => ascii(b, 0, '%PDF-') },
  { what: 'rtf', test: (b) => ascii(b, 0, '{\\rtf') },
  { what: 'exe', test: (b) => ascii(b, 0, 'MZ') && b.subarray(0, 256).includes(0) },
  { what: 'elf', test: (b) => at(b, 0, [0x7f, 0x45, 0x4c, 0x46]) },
  { what: 'gzip', test: (b) => at(b, 0, [0x1f, 0x8b]) },
  { what: 'sevenZip', test: (b) => at(b, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { what: 'rar', test: (b) => ascii(b, 0, 'Rar!') },
  { what: 'sqlite', test: (b) => ascii(b, 0, 'SQLite format 3\0') },
];

/**
 * Decides between CSV and XLSX from the first bytes, never from the extension (creditors rename files), and
 * refuses with a message saying what the file really is. A zip is only presumed XLSX here: the XLSX reader
 * checks its entries while opening it.
 */
export function detectFormat(firstBytes: Buffer, fileName: string): FileFormat {
  const b = firstBytes;
  if (b.length === 0) throw refuse('empty');
  if (at(b, 0, ZIP)) {
    if (ascii(b, 30, 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) {
      throw refuse('ods');
    }
    return 'xlsx';
  }
  if (at(b, 0, EMPTY_ZIP)) throw refuse('emptyZip');
  if (at(b, 0, OLE)) {
    // Excel saves a password-protected .xlsx inside the same OLE container as a legacy .xls.
    throw refuse(/\.xlsx$/i.test(fileName) ? 'passwordProtected' : 'xls');
  }
  const known = KNOWN_BINARIES.find((k) => k.test(b));
  if (known) throw refuse('knownBinary', { what: known.what });
  if (at(b, 0, [0xff, 0xfe]) || at(b, 0, [0xfe, 0xff])) return 'csv'; // UTF-16 text with its byte-order mark
  if (b.includes(0)) {
    throw refuse(looksLikeUtf16(b) ? 'utf16' : 'binary');
  }
  if (controlRatio(b) > 0.01) throw refuse('binary');
  const start = b
    .subarray(0, 1024)
    .toString('latin1')
    .replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '')
    .trimStart();
  if (/^(<!doctype html|<html)/i.test(start)) {
    throw refuse('html');
  }
  if (/^<\?xml/i.test(start) && start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    throw refuse('xml2003');
  }
  return 'csv';
}

function at(b: Buffer, offset: number, bytes: number[]): boolean {
  return b.length >= offset + bytes.length && bytes.every((x, i) => b[offset + i] === x);
}

function ascii(b: Buffer, offset: number, text: string): boolean {
  return b.length >= offset + text.length && b.toString('latin1', offset, offset + text.length) === text;
}

// ASCII text in UTF-16 puts a NUL in every other byte: the even ones (big-endian) or the odd ones (little).
function looksLikeUtf16(b: Buffer): boolean {
  const n = Math.min(b.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return pairs > 0 && Math.max(even, odd) > pairs * 0.3 && Math.min(even, odd) < pairs * 0.05;
}

function controlRatio(b: Buffer): number {
  let control = 0;
  for (const byte of b) {
    // Tab, line feed, form feed, carriage return and the old DOS end-of-file mark are text.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1a) control++;
  }
  return control / b.length;
}
