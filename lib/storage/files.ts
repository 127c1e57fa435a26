import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { storage } from './active';

// Uploaded documents (receivable lists, signed mandates) and the documents the product makes live outside the
// database, behind one storage driver shared by the web and worker processes (lib/storage/active.ts: a local folder
// or an S3-compatible bucket). Keys are tenant-scoped paths, checked here before they reach a driver.
const keySchema = z.string().regex(/^[0-9a-f-]{36}\/[a-z-]+\/[0-9a-f-]{36}$/, 'errors.field.invalid');

export function newKey(tenantId: string, kind: 'imports' | 'mandates' | 'closings'): string {
  return `${tenantId}/${kind}/${randomUUID()}`;
}

export const checkedKey = (key: string): string => keySchema.parse(key);

/** Reads `source` whole, stopping with an error as soon as it exceeds maxBytes, then stores it. */
export async function saveStream(
  key: string,
  source: Readable,
  maxBytes: number,
): Promise<{ size: number; sha256: string }> {
  checkedKey(key);
  const chunks: Buffer[] = [];
  let size = 0;
  const hash = createHash('sha256');
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      source.destroy();
      throw new FileTooLargeError(maxBytes);
    }
    hash.update(bytes);
    chunks.push(bytes);
  }
  await storage().put(key, Buffer.concat(chunks));
  return { size, sha256: hash.digest('hex') };
}

export function openStream(key: string): Promise<Readable> {
  return storage().stream(checkedKey(key));
}

/** A local file with the object's bytes until `release` (a long import reads it row by row). */
export function openLocalCopy(key: string): Promise<{ path: string; release(): Promise<void> }> {
  return storage().localCopy(checkedKey(key));
}

/** A local file with the object's bytes for as long as `work` runs (a spreadsheet parser wants a path). */
export async function withLocalCopy<T>(key: string, work: (path: string) => Promise<T>): Promise<T> {
  const copy = await storage().localCopy(checkedKey(key));
  try {
    return await work(copy.path);
  } finally {
    await copy.release();
  }
}

export async function sizeOf(key: string): Promise<number> {
  return storage().size(checkedKey(key));
}

export async function remove(key: string): Promise<void> {
  await storage().remove(checkedKey(key));
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    this.name = 'FileTooLargeError';
  }
}
