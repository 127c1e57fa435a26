import type { Readable } from 'node:stream';
import { agencyToday } from '../dates/agency-clock';
import { requireActiveMandate } from '../creditors/require-active-mandate';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { FileTooLargeError, newKey, remove, saveStream, withLocalCopy } from '../storage/files';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { recordAudit } from '../audit/record-audit';
import { MAX_IMPORT_BYTES, uploadSchema, type ColumnMapping } from './import-schemas';
import { previewRows } from './read';
import { formatSize, refuse } from './read/refuse';
import { mappingFor } from './saved-mapping';
import type { ImportSource } from '../db/generated/enums';

export interface UploadResult {
  importId: string;
  format: string;
  headers: string[];
  sample: string[][];
  mapping: ColumnMapping;
}

interface Options {
  actor: Actor;
  input: { creditorId: unknown; fileName: unknown };
  content: Readable;
  source?: ImportSource;
  ip?: string;
}

/**
 * First step of an intake: the file is checked (size, real format, encoding, header), stored, and the
 * column mapping proposed. Nothing is imported yet; a refused file leaves no trace but the error.
 */
export async function uploadReceivables({
  actor,
  input,
  content,
  source = 'UPLOAD',
  ip,
}: Options): Promise<UploadResult> {
  authorize(actor, 'imports.create');
  const { creditorId, fileName } = parseInput(uploadSchema, input);
  // A creditor user places files for its own creditor only; any other id does not exist for it.
  if (actor.creditorId && actor.creditorId !== creditorId) throw AppError.notFound();

  // Refuse before storing anything when no mandate is in force (CPCE R124-3).
  await inTenant(scopeOf(actor), async (tx) => {
    await requireActiveMandate(tx, {
      tenantId: actor.tenantId,
      creditorId,
      today: await agencyToday(tx, actor.tenantId),
    });
  });

  const key = newKey(actor.tenantId, 'imports');
  let stored: { size: number; sha256: string };
  try {
    stored = await saveStream(key, content, MAX_IMPORT_BYTES());
  } catch (error) {
    if (error instanceof FileTooLargeError) throw refuse('tooLarge', { size: formatSize(error.maxBytes) });
    throw error;
  }
  try {
    const preview = await withLocalCopy(key, (path) => previewRows({ path, fileName }, 5));
    return await inTenant(scopeOf(actor), async (tx) => {
      const mapping = await mappingFor(tx, actor.tenantId, creditorId, preview.headers);
      const batch = await tx.importBatch.create({
        data: {
          tenantId: actor.tenantId,
          creditorId,
          createdBy: actor.membershipId,
          source,
          fileName,
          fileKey: key,
          fileSize: stored.size,
          fileSha256: stored.sha256,
          format: preview.format,
          mapping,
        },
      });
      await recordAudit(tx, actor, { action: 'import.uploaded', entity: 'import_batch', entityId: batch.id, ip });
      return { importId: batch.id, format: preview.format, headers: preview.headers, sample: preview.rows, mapping };
    });
  } catch (error) {
    await remove(key);
    throw error;
  }
}
