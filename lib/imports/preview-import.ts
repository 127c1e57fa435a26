import { Prisma } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { enqueue } from '../queue/producers';
import { withLocalCopy } from '../storage/files';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { validateMapping } from './columns';
import { mappingError } from './mapping-errors';
import { columnMappingSchema } from './import-schemas';
import { loadImport } from './load-import';
import { previewRows } from './read';
import { saveMapping } from './saved-mapping';

/**
 * The agent (or creditor) confirms the column mapping: it is saved for this creditor's next files and
 * a dry run is queued that computes exactly what the import would do, without writing it.
 */
export async function previewImport({
  actor,
  importId,
  mapping,
}: {
  actor: Actor;
  importId: unknown;
  mapping: unknown;
}) {
  authorize(actor, 'imports.create');
  const columns = parseInput(columnMappingSchema, mapping);
  const batch = await inTenant(scopeOf(actor), (tx) => loadImport(tx, actor, importId));
  if (!['UPLOADED', 'PREVIEWED'].includes(batch.status)) {
    throw new AppError('CONFLICT', { key: 'errors.imports.mappingFrozen', values: { status: batch.status } });
  }
  const { headers } = await withLocalCopy(batch.fileKey!, (path) => previewRows({ path, fileName: batch.fileName }, 0));
  const problems = validateMapping(columns, headers);
  if (problems.length) throw mappingError(problems);

  await inTenant(scopeOf(actor), async (tx) => {
    await saveMapping(tx, actor.tenantId, batch.creditorId, headers, columns);
    await tx.importBatch.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: batch.id } },
      data: { mapping: columns, status: 'PREVIEWING', counts: Prisma.DbNull, error: null },
    });
  });
  await enqueue(
    'imports',
    'process',
    { tenantId: actor.tenantId, importId: batch.id, mode: 'preview' },
    {
      jobId: `import-${batch.id}-preview-${Date.now()}`,
    },
  );
  return { importId: batch.id };
}
