import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { localPath } from './files';

// Documents the engine produces are stored under a key derived from what produced them (execution key and
// channel), so a step retried after a crash overwrites the same object instead of leaving an orphan.

/** A UUID-shaped name from a hash: stable for the same input, valid as the last part of a storage key. */
export function stableId(input: string): string {
  const h = createHash('sha256').update(input).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function derivedKey(tenantId: string, kind: 'documents' | 'print-runs', source: string): string {
  return `${tenantId}/${kind}/${stableId(source)}`;
}

/**
 * Writes the whole buffer, then renames it into place: a reader never sees half a PDF. The folder is made only when
 * the write finds it missing: the engine stores one letter per step into a handful of folders.
 */
/** A stored document's bytes (an e-mail's attachment). */
export async function readStored(key: string): Promise<Buffer> {
  return readFile(/*turbopackIgnore: true*/ localPath(key));
}

export async function storeBuffer(key: string, data: Buffer | string): Promise<{ size: number; sha256: string }> {
  const target = localPath(key);
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  try {
    await writeFile(/*turbopackIgnore: true*/ temp, data);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(/*turbopackIgnore: true*/ path.dirname(target), { recursive: true });
    await writeFile(/*turbopackIgnore: true*/ temp, data);
  }
  await rename(/*turbopackIgnore: true*/ temp, target);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
