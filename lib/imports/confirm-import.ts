import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { enqueue } from '../queue/producers';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { recordAudit } from '../audit/record-audit';
import { loadImport } from './load-import';
import { logger } from '../log/logger';

/** After reading the preview's counts, the user confirms: the real import is queued, once. */
export async function confirmImport({ actor, importId, ip }: { actor: Actor; importId: unknown; ip?: string }) {
  authorize(actor, 'imports.create');
  const id = await inTenant(scopeOf(actor), async (tx) => {
    const batch = await loadImport(tx, actor, importId);
    // The status changes only from PREVIEWED, so a double click queues one import.
    const changed = await tx.importBatch.updateMany({
      where: { tenantId: actor.tenantId, id: batch.id, status: 'PREVIEWED' },
      data: { status: 'QUEUED' },
    });
    if (changed.count === 0) {
      throw new AppError('CONFLICT', { key: 'errors.imports.notPreviewed', values: { status: batch.status } });
    }
    await recordAudit(tx, actor, { action: 'import.confirmed', entity: 'import_batch', entityId: batch.id, ip });
    return batch.id;
  });
  // jobId: BullMQ drops a second add of the same commit while the first exists.
  try {
    await enqueue(
      'imports',
      'process',
      { tenantId: actor.tenantId, importId: id, mode: 'commit' },
      { jobId: `import-${id}-commit` },
    );
  } catch (error) {
    // Redis unreachable: give the confirmation back rather than leave an import queued that no job will run.
    await inTenant(scopeOf(actor), (tx) =>
      tx.importBatch.updateMany({
        where: { tenantId: actor.tenantId, id, status: 'QUEUED' },
        data: { status: 'PREVIEWED' },
      }),
    );
    logger.error({ err: error }, 'import queue unreachable');
    throw new AppError('UNAVAILABLE', 'errors.imports.queueDown');
  }
  return { importId: id };
}
