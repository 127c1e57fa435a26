import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { inTenantRaw, pgTx, rawPool } from '../db/raw';
import { AppError } from '../errors/app-error';
import { validateMapping } from './columns';
import { mappingError } from './mapping-errors';
import { previewRows } from './read';
import { createCommandImport } from './import-batch-sql';
import { mappingFor } from './saved-mapping';
import type { ImportProgress } from './pipeline/import-rows';
import { processImport } from './process-import';

interface Options {
  agency: string;
  creditor: string;
  path: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** `npm run import`: an operator places a file for a creditor, with its saved or detected mapping. */
export async function importFromCommand({ agency, creditor, path, onProgress }: Options) {
  // Agencies are global (no row-level security); everything after this runs in the agency's tenant.
  const { rows: found } = await rawPool().query<{ id: string }>('SELECT id FROM agency WHERE slug = $1', [agency]);
  if (!found[0]) throw AppError.invalid({ agency: { key: 'errors.cli.unknownAgency', values: { agency } } });
  const tenantId = found[0].id;
  const { size } = await stat(path).catch(() => {
    throw AppError.invalid({ file: { key: 'errors.cli.fileNotFound', values: { path } } });
  });
  const fileName = basename(path);
  const preview = await previewRows({ path, fileName }, 0);
  const importId = await inTenantRaw({ tenantId }, async (client) => {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM creditor WHERE tenant_id = $1 AND code = $2', [
      tenantId,
      creditor,
    ]);
    if (!rows[0])
      throw AppError.invalid({ creditor: { key: 'errors.cli.unknownCreditor', values: { creditor, agency } } });
    const creditorId = rows[0].id;
    const mapping = await mappingFor(pgTx(client), tenantId, creditorId, preview.headers);
    const problems = validateMapping(mapping, preview.headers);
    if (problems.length) throw mappingError(problems);
    return createCommandImport(client, {
      tenantId,
      creditorId,
      fileName,
      fileSize: size,
      format: preview.format,
      mapping,
    });
  });
  return processImport({
    tenantId,
    importId,
    mode: 'commit',
    sourcePath: path,
    onProgress,
  });
}
