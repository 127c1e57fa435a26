import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

// Uploaded documents (receivable lists, signed mandates) live outside the database, under one directory
// shared by the web and worker processes (a volume in docker-compose). Keys are tenant-scoped paths.
const root = () => path.resolve(/*turbopackIgnore: true*/ process.env.STORAGE_DIR ?? 'storage');

const keySchema = z.string().regex(/^[0-9a-f-]{36}\/[a-z-]+\/[0-9a-f-]{36}$/, 'errors.field.invalid');

export function newKey(tenantId: string, kind: 'imports' | 'mandates' | 'closings'): string {
  return `${tenantId}/${kind}/${randomUUID()}`;
}

function pathOf(key: string): string {
  return path.join(/*turbopackIgnore: true*/ root(), keySchema.parse(key));
}

/** Streams `source` to storage, stopping with an error as soon as it exceeds maxBytes. */
export async function saveStream(
  key: string,
  source: Readable,
  maxBytes: number,
): Promise<{ size: number; sha256: string }> {
  const target = pathOf(key);
  await mkdir(/*turbopackIgnore: true*/ path.dirname(target), { recursive: true });
  let size = 0;
  const hash = createHash('sha256');
  source.on('data', (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
    if (size > maxBytes) source.destroy(new FileTooLargeError(maxBytes));
  });
  try {
    await pipeline(source, createWriteStream(/*turbopackIgnore: true*/ target));
  } catch (error) {
    await rm(/*turbopackIgnore: true*/ target, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest('hex') };
}

export function openStream(key: string): Readable {
  return createReadStream(/*turbopackIgnore: true*/ pathOf(key));
}

export function localPath(key: string): string {
  return pathOf(key);
}

export async function sizeOf(key: string): Promise<number> {
  return (await stat(/*turbopackIgnore: true*/ pathOf(key))).size;
}

export async function remove(key: string): Promise<void> {
  await rm(/*turbopackIgnore: true*/ pathOf(key), { force: true });
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    this.name = 'FileTooLargeError';
  }
}
