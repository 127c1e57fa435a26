import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { validateMapping } from './columns';
import { mappingError } from './mapping-errors';
import { previewRows } from './read';
import { mappingFor } from './saved-mapping';
import { processImport } from './process-import';

interface Options {
  agency: string;
  creditor: string;
  path: string;
  onProgress?: (rows: number) => void;
}

/** `npm run import`: an operator places a file for a creditor, with its saved or detected mapping. */
export async function importFromCommand({ agency, creditor, path, onProgress }: Options) {
  const found = await db().agency.findUnique({ where: { slug: agency }, select: { id: true } });
  if (!found) throw AppError.invalid(`No agency "${agency}"`, { agency: 'unknown agency' });
  const tenantId = found.id;
  const { size } = await stat(path).catch(() => {
    throw AppError.invalid(`Cannot read ${path}`, { file: 'not found' });
  });
  const fileName = basename(path);
  const preview = await previewRows({ path, fileName }, 0);
  const batch = await inTenant({ tenantId }, async (tx) => {
    const row = await tx.creditor.findFirst({ where: { tenantId, code: creditor }, select: { id: true } });
    if (!row)
      throw AppError.invalid(`No creditor "${creditor}" in agency "${agency}"`, { creditor: 'unknown creditor' });
    const mapping = await mappingFor(tx, tenantId, row.id, preview.headers);
    const problems = validateMapping(mapping, preview.headers);
    if (problems.length) throw mappingError(problems);
    return tx.importBatch.create({
      data: {
        tenantId,
        creditorId: row.id,
        source: 'CLI',
        fileName,
        fileSize: size,
        format: preview.format,
        mapping,
        status: 'QUEUED',
      },
    });
  });
  return processImport({
    tenantId,
    importId: batch.id,
    mode: 'commit',
    sourcePath: path,
    onProgress: onProgress ? ({ rows }) => onProgress(rows) : undefined,
  });
}
