import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { withLocalCopy } from '../storage/files';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { loadImport } from './load-import';
import { previewRows } from './read';

export interface ImportSample {
  headers: string[];
  rows: string[][];
}

/** The header and first rows of a stored import, for its mapping screen; authorised like getImport. */
export async function getImportSample({
  actor,
  importId,
  rows = 5,
}: {
  actor: Actor;
  importId: unknown;
  rows?: number;
}): Promise<ImportSample> {
  authorize(actor, 'imports.read');
  const batch = await inTenant(scopeOf(actor), (tx) => loadImport(tx, actor, importId));
  // Imports pushed through the API have no stored file, hence nothing to map.
  if (!batch.fileKey) throw AppError.notFound();
  const preview = await withLocalCopy(batch.fileKey, (path) => previewRows({ path, fileName: batch.fileName }, rows));
  return { headers: preview.headers, rows: preview.rows };
}
