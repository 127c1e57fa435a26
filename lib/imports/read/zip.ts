import { StringDecoder } from 'node:string_decoder';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../../errors/app-error';
import { formatSize, refuse } from './refuse';

export interface ZipLimits {
  /** Bytes all the parts read may inflate to, counted as they inflate (declared sizes can lie). */
  maxUncompressedBytes: number;
}

const MAX_ENTRIES = 10_000;
const MAX_RATIO = 100;
const RATIO_FLOOR = 1024 * 1024; // small parts compress well without being bombs

/**
 * A zip opened for reading a few of its parts with bounded memory and CPU: the central directory is checked
 * (entry count, declared sizes and ratios) before anything inflates, and inflated bytes are counted against
 * the same limit while reading, since a forged directory can understate them.
 */
export class SafeZip {
  private remaining: number;
  private closed = false;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly limits: ZipLimits,
  ) {
    this.remaining = limits.maxUncompressedBytes;
  }

  static async open(path: string, limits: ZipLimits): Promise<SafeZip> {
    let zip: ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    } catch {
      throw refuse('the XLSX file is damaged and cannot be opened');
    }
    try {
      if (zip.entryCount > MAX_ENTRIES) throw refuse(`the XLSX file holds more than ${MAX_ENTRIES} parts: refused`);
      const entries = new Map<string, Entry>();
      let declared = 0;
      for await (const entry of zip.eachEntry()) {
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes) throw tooLarge(limits);
        if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > MAX_RATIO * entry.compressedSize) {
          throw refuse(
            `the XLSX file has a part that expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times when opened (a zip bomb?): refused`,
          );
        }
        // Part names are case-insensitive in Office files.
        entries.set(entry.fileName.toLowerCase(), entry);
      }
      return new SafeZip(zip, entries, limits);
    } catch (error) {
      zip.close();
      throw error instanceof AppError ? error : refuse('the XLSX file is damaged and cannot be opened');
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The part as UTF-8 text, chunk by chunk, counted against the inflation limit. */
  async *text(name: string): AsyncGenerator<string> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw refuse(`the XLSX file is damaged: ${name} is missing`);
    if (entry.isEncrypted())
      throw refuse('this workbook is password-protected: remove the password, or save it as .csv');
    if (!entry.canDecodeFileData()) throw refuse('the XLSX file uses a compression this service cannot read');
    const decoder = new StringDecoder('utf8');
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          this.remaining -= chunk.length;
          if (this.remaining < 0) throw tooLarge(this.limits);
          yield decoder.write(chunk);
        }
      } finally {
        stream.destroy();
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      // yauzl's own check: a part inflating past its declared size is forged, not just damaged.
      throw /too many bytes/i.test(String(error))
        ? refuse(`the XLSX file is forged: ${name} expands beyond its declared size (a zip bomb?)`)
        : refuse(`the XLSX file is damaged: ${name} cannot be read`);
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.zip.close();
  }
}

function tooLarge(limits: ZipLimits): AppError {
  return refuse(
    `the XLSX file expands to more than ${formatSize(limits.maxUncompressedBytes)} when opened (a zip bomb?): refused`,
  );
}
