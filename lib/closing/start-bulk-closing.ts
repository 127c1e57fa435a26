import { agencyToday } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { producer } from '../queue/producers';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { bulkSelection } from './bulk-selection';
import { enqueueClosingBatch } from './resume-closing-batches';
import { CLOSING_MESSAGES, bulkClosingSchema } from './schemas';

/**
 * Starts a bulk closing: the files the preview says will close (computed again now, never trusted from the screen)
 * are recorded in a batch, which a job closes in chunks (lib/closing/run-closing-batch.ts) while the page shows its
 * progress. Nothing to close is refused (INVALID naming the list). When Redis cannot take the job (away, or slower
 * than a few seconds), the answer says so (`queued: false`) and the batch waits, RUNNING, for the resume sweep: it
 * never stays stuck, and the request never hangs on a Redis that is not there.
 */
export async function startBulkClosing({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
}): Promise<{ batchId: string; total: number; queued: boolean }> {
  authorize(actor, 'closings.bulk');
  const parsed = parseInput(bulkClosingSchema, input);
  const batch = await inTenant(scopeOf(actor), async (tx) => {
    const creditor = await tx.creditor.findFirst({ where: { tenantId: actor.tenantId, id: parsed.creditorId } });
    if (!creditor) throw AppError.notFound();
    const selection = await bulkSelection(tx, actor.tenantId, parsed, await agencyToday(tx, actor.tenantId));
    const ids = selection.files.filter((f) => f.refusal === null).map((f) => f.id);
    if (ids.length === 0) throw AppError.invalid({ references: CLOSING_MESSAGES.nothingToClose });
    const row = await tx.closingBatch.create({
      data: {
        tenantId: actor.tenantId,
        creditorId: parsed.creditorId,
        reason: parsed.reason,
        note: parsed.note,
        fileIds: ids,
        createdBy: actor.membershipId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'closing.batch_started',
      entity: 'closing_batch',
      entityId: row.id,
      ip,
      details: { creditorId: parsed.creditorId, reason: parsed.reason, files: ids.length },
    });
    return { batchId: row.id, total: ids.length };
  });
  // The batch is recorded: a Redis away now only delays it (the resume sweep enqueues it once Redis is back).
  return { ...batch, queued: await enqueueClosingBatch(producer(), actor.tenantId, batch.batchId) };
}
