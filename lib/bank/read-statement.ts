import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../errors/app-error';
import { SafeZip } from '../imports/read/zip';
import { readCamt053 } from './camt053';
import { readMt940 } from './mt940';
import { refuseStatement, type StatementEntry, type StatementFormat } from './statement-entry';

/** Far beyond a year of any agency's statements; what it stops is a file (or a zip) sent to exhaust the server. */
export const MAX_STATEMENT_BYTES = 512 * 1024 * 1024;

export interface StatementSource {
  format: StatementFormat;
  /** camt.053 version (2–8) once the document element was read; null for MT940. */
  version(): number | null;
  /** The entries, a batch at a time, in file order. */
  entries(): AsyncGenerator<StatementEntry[]>;
  close(): void;
}

/**
 * A bank statement file as the bank (or the agency's scripts) delivered it: camt.053 XML, MT940 text, or either
 * inside a zip of one statement. Decided from the content, never the name.
 */
export async function readStatement(path: string): Promise<StatementSource> {
  const head = await readHead(path);
  if (head.length === 0) throw refuseStatement('empty');
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readZipped(path);
  return fromText(head, () => fileText(path, head));
}

async function readZipped(path: string): Promise<StatementSource> {
  const zip = await SafeZip.open(path, { maxUncompressedBytes: MAX_STATEMENT_BYTES }).catch((error: unknown) => {
    throw error instanceof AppError ? refuseStatement('zip') : error;
  });
  const parts = zip.names().filter((n) => !n.endsWith('/') && !n.startsWith('__macosx/'));
  if (parts.length !== 1) {
    zip.close();
    throw refuseStatement('zipParts', { count: parts.length });
  }
  const part = parts[0]!;
  const text = () => zip.text(part);
  let head = '';
  for await (const chunk of text()) {
    head += chunk;
    if (head.length >= 1024) break;
  }
  const source = fromText(Buffer.from(head, 'utf8'), text);
  return { ...source, close: () => zip.close() };
}

function fromText(head: Buffer, text: () => AsyncIterable<string>): StatementSource {
  const start = head
    .subarray(0, 2048)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start.startsWith('<')) {
    const declared = /^<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(start)?.[1];
    if (declared && !/^utf-?8$/i.test(declared)) throw refuseStatement('encoding', { encoding: declared });
    const reader = readCamt053(text());
    return { format: 'CAMT053', version: reader.version, entries: () => reader.entries(), close() {} };
  }
  if (/^(\{1:|:20:)/.test(start)) {
    return { format: 'MT940', version: () => null, entries: () => readMt940(lines(text())), close() {} };
  }
  throw refuseStatement('unknownFormat');
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_STATEMENT_BYTES) throw refuseStatement('tooLarge', { size: `${MAX_STATEMENT_BYTES >> 20} MB` });
    const buffer = Buffer.alloc(Math.min(size, 4096));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** UTF-8, as ISO 20022 requires; MT940 files in Latin-1 (older French banks) are read as such. */
async function* fileText(path: string, head: Buffer): AsyncGenerator<string> {
  const utf8 = isUtf8Prefix(head);
  const decoder = new StringDecoder(utf8 ? 'utf8' : 'latin1');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    yield decoder.write(chunk);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

function isUtf8Prefix(head: Buffer): boolean {
  // The head may end inside a character: only what comes before the last 3 bytes must decode.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

async function* lines(text: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of text) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    if (rest.length > 64 * 1024) throw refuseStatement('mt940Line', { entry: 0, value: rest.slice(0, 40) });
    yield* parts;
  }
  if (rest) yield rest;
}
