import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { refuse } from './refuse';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start of the file. */
  bom: number;
  /**
   * The head held no byte above 0x7F, so UTF-8 and Windows-1252 still read it alike: the decoder settles on
   * the first accented byte further down instead of guessing now.
   */
  undecided: boolean;
}

/**
 * UTF-8 (with or without BOM), else Windows-1252 (what Excel's "CSV" saves on a French Windows); UTF-16 only
 * with its byte-order mark. `complete` says the head is the whole file, so its last bytes are not cut short.
 */
export function detectEncoding(head: Buffer, complete: boolean): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3, undecided: false };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2, undecided: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2, undecided: false };
  const body = complete ? head : head.subarray(0, completeUtf8Length(head));
  if (isAscii(body)) return { encoding: 'utf-8', bom: 0, undecided: true };
  if (isUtf8(body)) return { encoding: 'utf-8', bom: 0, undecided: false };
  // Two files pasted together (UTF-8 rows, then Windows-1252 ones) would be garbled either way: refused.
  // Windows-1252 text rarely forms a valid UTF-8 pair (an É before a no-break space does), hence a ratio.
  const { multiByte, invalid, firstInvalid } = scanUtf8(body);
  if (multiByte >= 3 && multiByte * 4 >= invalid && firstInvalid >= 0) {
    throw mixedEncodings(1 + countLines(body.toString('latin1', 0, firstInvalid)));
  }
  return { encoding: 'windows-1252', bom: 0, undecided: false };
}

function mixedEncodings(line: number) {
  return refuse('mixedEncodings', { line: String(line) });
}

/** Valid multi-byte sequences, invalid bytes, and where the first of those is (-1: none found). */
function scanUtf8(b: Buffer): { multiByte: number; invalid: number; firstInvalid: number } {
  let multiByte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < b.length;) {
    const need = sequenceLength(b[i]!);
    let ok = need > 0 && i + need <= b.length;
    for (let k = 1; ok && k < need; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    if (ok) {
      if (need > 1) multiByte++;
      i += need;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { multiByte, invalid, firstInvalid };
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The head as text, for sniffing the delimiter. */
export function decodeHead(head: Buffer, detected: DetectedEncoding): string {
  const body = head.subarray(detected.bom);
  if (detected.encoding === 'utf-8') return new TextDecoder('utf-8').decode(body);
  return iconv.decode(body, detected.encoding === 'windows-1252' ? 'win1252' : detected.encoding, { stripBOM: false });
}

/** Length of `b` without a multi-byte UTF-8 sequence cut short at its end. */
export function completeUtf8Length(b: Buffer): number {
  for (let i = b.length - 1; i >= Math.max(0, b.length - 4); i--) {
    const byte = b[i]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return b.length - i >= need ? b.length : i;
  }
  return b.length;
}

/**
 * Turns the file's bytes into UTF-8 for the CSV parser. UTF-8 input is validated, not re-encoded (fast path);
 * UTF-8 that turns invalid further down is a file pasted together from two encodings, refused rather than
 * shown with broken accents.
 */
export class ToUtf8 extends Transform {
  private mode: 'undecided' | TextEncoding;
  private skip: number;
  private carry: Buffer | null = null;
  private lines = 1;
  private readonly utf16: iconv.DecoderStream | null;

  constructor(detected: DetectedEncoding) {
    super();
    this.mode = detected.undecided ? 'undecided' : detected.encoding;
    this.skip = detected.encoding === 'utf-8' ? detected.bom : 0;
    this.utf16 = detected.encoding.startsWith('utf-16') ? iconv.getDecoder(detected.encoding) : null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length);
        chunk = chunk.subarray(n);
        this.skip -= n;
      }
      const out = this.convert(chunk);
      if (out.length > 0) this.push(out);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.utf16) {
      const rest = this.utf16.end();
      if (rest) this.push(Buffer.from(rest, 'utf8'));
    } else if (this.carry) {
      // A multi-byte character cut by the end of the file: shown as U+FFFD rather than refusing the file.
      this.push(Buffer.from(new TextDecoder('utf-8').decode(this.carry), 'utf8'));
    }
    done();
  }

  private convert(chunk: Buffer): Buffer {
    if (this.mode === 'windows-1252') return Buffer.from(iconv.decode(chunk, 'win1252'), 'utf8');
    if (this.utf16) return Buffer.from(this.utf16.write(chunk), 'utf8');
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = completeUtf8Length(data);
    const body = data.subarray(0, end);
    this.carry = end < data.length ? Buffer.from(data.subarray(end)) : null;
    if (this.mode === 'undecided') {
      if (isAscii(body)) return this.counted(body);
      if (!isUtf8(body)) {
        // Everything before was plain ASCII, which Windows-1252 reads the same way.
        this.mode = 'windows-1252';
        const rest = this.carry ? Buffer.concat([body, this.carry]) : body;
        this.carry = null;
        return Buffer.from(iconv.decode(rest, 'win1252'), 'utf8');
      }
      this.mode = 'utf-8';
    }
    if (!isUtf8(body)) {
      const { firstInvalid } = scanUtf8(body);
      throw mixedEncodings(this.lines + countLines(body.toString('latin1', 0, Math.max(0, firstInvalid))));
    }
    return this.counted(body);
  }

  private counted(body: Buffer): Buffer {
    for (let i = body.indexOf(10); i >= 0; i = body.indexOf(10, i + 1)) this.lines++;
    return body;
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
