import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { FileTooLargeError, newKey, remove, saveStream } from '../storage/files';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { MANDATE_MESSAGES, MAX_MANDATE_DOCUMENT_BYTES } from './messages';
import { documentNameSchema, mandateRefSchema } from './schemas';

export interface AttachMandateDocumentOptions {
  actor: Actor;
  mandateId: unknown;
  /** The name the file had on the uploader's machine, shown and used again on download. */
  fileName: unknown;
  content: Readable;
  ip?: string;
}

export interface AttachedDocument {
  name: string;
  sha256: string;
  size: number;
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

class NotPdfError extends Error {}

/** Passes the bytes through, hashing them and refusing anything whose first bytes are not a PDF header. */
async function* checkedPdf(source: Readable, hash: Hash): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    if (head.length < PDF_MAGIC.length) {
      head = Buffer.concat([head, bytes]);
      const n = Math.min(head.length, PDF_MAGIC.length);
      if (!head.subarray(0, n).equals(PDF_MAGIC.subarray(0, n))) throw new NotPdfError();
    }
    hash.update(bytes);
    yield bytes;
  }
  if (head.length < PDF_MAGIC.length) throw new NotPdfError();
}

function documentError(message: string): AppError {
  return AppError.invalid({ document: message });
}

/**
 * Stores the signed mandate (a PDF of at most 10 MB) and records its name, storage key and SHA-256. A
 * replaced document stays in storage: its key and hash are kept in the audit trail as evidence.
 */
export async function attachMandateDocument({
  actor,
  mandateId,
  fileName,
  content,
  ip,
}: AttachMandateDocumentOptions): Promise<AttachedDocument> {
  authorize(actor, 'mandates.manage');
  const { mandateId: id } = parseInput(mandateRefSchema, { mandateId });
  const { fileName: name } = parseInput(documentNameSchema, { fileName });
  const where = { tenantId: actor.tenantId, id, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) };

  // Nothing reaches storage for a mandate the actor cannot see.
  const exists = await inTenant(scopeOf(actor), (tx) => tx.mandate.findFirst({ where, select: { id: true } }));
  if (!exists) {
    content.destroy();
    throw AppError.notFound();
  }

  const key = newKey(actor.tenantId, 'mandates');
  const hash = createHash('sha256');
  let size: number;
  try {
    ({ size } = await saveStream(key, Readable.from(checkedPdf(content, hash)), MAX_MANDATE_DOCUMENT_BYTES));
  } catch (error) {
    if (error instanceof NotPdfError) throw documentError(MANDATE_MESSAGES.notPdf);
    if (error instanceof FileTooLargeError) throw documentError(MANDATE_MESSAGES.tooLarge);
    throw error;
  }
  const sha256 = hash.digest('hex');

  try {
    await inTenant(scopeOf(actor), async (tx) => {
      const current = await tx.mandate.findFirst({
        where,
        select: { reference: true, documentKey: true, documentSha256: true },
      });
      if (!current) throw AppError.notFound();
      // updated_at is the terms' optimistic lock: a new scan does not make an open edit form stale.
      await tx.mandate.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id } },
        data: { documentName: name, documentKey: key, documentSha256: sha256 },
      });
      await recordAudit(tx, actor, {
        action: 'mandate.document_attached',
        entity: 'mandate',
        entityId: id,
        ip,
        details: {
          reference: current.reference,
          name,
          size,
          sha256,
          key,
          previousKey: current.documentKey,
          previousSha256: current.documentSha256,
        },
      });
    });
  } catch (error) {
    await remove(key);
    throw error;
  }
  return { name, sha256, size };
}
