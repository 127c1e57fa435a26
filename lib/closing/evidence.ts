import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error';
import { storeBuffer } from '../storage/documents';
import { newKey, remove } from '../storage/files';
import { CLOSING_MESSAGES as M, MAX_EVIDENCE_BYTES } from './schemas';

/** A document proving a closing: the creditor's signed agreement, a judgment, a certificate — a PDF or a scan. */
export interface EvidenceUpload {
  name: string;
  bytes: Buffer;
}

const MAGIC: readonly Buffer[] = [
  Buffer.from('%PDF-', 'latin1'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0xff, 0xd8, 0xff]),
];

export interface StoredEvidence {
  name: string;
  key: string;
  sha256: string;
  size: number;
}

/**
 * Checks the upload (its first bytes, not its name: ASVS 5.2.2; its size; a name people can read) and stores it
 * before the closing's transaction; the caller removes it if that transaction fails (`discard`).
 */
export async function storeEvidence(tenantId: string, upload: EvidenceUpload | null): Promise<StoredEvidence | null> {
  if (!upload || upload.bytes.length === 0) return null;
  const name = upload.name.trim().replace(/[\\/]/g, '_');
  if (name.length === 0 || name.length > 200) throw AppError.invalid({ evidence: M.evidenceName });
  if (upload.bytes.length > MAX_EVIDENCE_BYTES) throw AppError.invalid({ evidence: M.evidenceTooLarge });
  if (!MAGIC.some((m) => upload.bytes.subarray(0, m.length).equals(m)))
    throw AppError.invalid({ evidence: M.evidenceType });
  const key = newKey(tenantId, 'closings');
  await storeBuffer(key, upload.bytes);
  return { name, key, size: upload.bytes.length, sha256: createHash('sha256').update(upload.bytes).digest('hex') };
}

export async function discardEvidence(stored: StoredEvidence | null): Promise<void> {
  if (stored) await remove(stored.key);
}
