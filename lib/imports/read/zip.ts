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
      throw refuse('damaged');
    }
    try {
      if (zip.entryCount > MAX_ENTRIES) throw refuse('tooManyParts', { max: String(MAX_ENTRIES) });
      const entries = new Map<string, Entry>();
      let declared = 0;
      for await (const entry of zip.eachEntry()) {
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes) throw tooLarge(limits);
        if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > MAX_RATIO * entry.compressedSize) {
          const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
          throw refuse('bombRatio', { ratio: String(ratio) });
        }
        // Part names are case-insensitive in Office files.
        entries.set(entry.fileName.toLowerCase(), entry);
      }
      return new SafeZip(zip, entries, limits);
    } catch (error) {
      zip.close();
      throw error instanceof AppError ? error : refuse('damaged');
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** Part names, lower-cased. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The part as UTF-8 text, chunk by chunk, counted against the inflation limit. */
  async *text(name: string): AsyncGenerator<string> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw refuse('partMissing', { part: name });
    if (entry.isEncrypted()) throw refuse('passwordProtected');
    if (!entry.canDecodeFileData()) throw refuse('compression');
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
        ? refuse('forged', { part: name })
        : refuse('partUnreadable', { part: name });
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
  return refuse('bombSize', { size: formatSize(limits.maxUncompressedBytes) });
}
