import type { Readable } from 'node:stream';

/**
 * Where documents live (uploads, letters, print runs, statements): a folder shared by the processes of one machine
 * (local-driver.ts), or an S3-compatible bucket shared by web and worker processes on several machines
 * (s3-driver.ts). Keys are tenant-scoped paths checked by keySchema (files.ts) before they reach a driver.
 */
export interface StorageDriver {
  readonly kind: 'local' | 's3';
  /** Writes the whole object; a reader never sees half of it. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** Moves a finished local file (from scratchPath) into storage under `key`. */
  putFile(key: string, file: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  stream(key: string): Promise<Readable>;
  size(key: string): Promise<number>;
  remove(key: string): Promise<void>;
  /**
   * A local file with the object's bytes, for readers that need a path (spreadsheet parsers); `release` deletes it
   * when it is a copy.
   */
  localCopy(key: string): Promise<{ path: string; release(): Promise<void> }>;
  /** Where to build a large object on local disk before putFile (the print run's PDF, written page by page). */
  scratchPath(key: string): Promise<string>;
}
