import { createHash } from 'node:crypto';
import { storage } from './active';
import { checkedKey } from './files';

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

/** A stored document's bytes (an e-mail's attachment). */
export async function readStored(key: string): Promise<Buffer> {
  return storage().get(checkedKey(key));
}

/** Stores the whole buffer at once: a reader never sees half a PDF (a rename on disk, one PUT in a bucket). */
export async function storeBuffer(key: string, data: Buffer | string): Promise<{ size: number; sha256: string }> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  await storage().put(checkedKey(key), bytes);
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A local file to build a large document in (page by page), then stored under `key` by storeFile. */
export function scratchFile(key: string): Promise<string> {
  return storage().scratchPath(checkedKey(key));
}

export async function storeFile(key: string, file: string): Promise<void> {
  await storage().putFile(checkedKey(key), file);
}
