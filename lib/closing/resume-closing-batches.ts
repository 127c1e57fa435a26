import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { QueueName } from '../queue/names';
import type { Producer } from '../queue/producers';
import { logger } from '../log/logger';

/** How long a request waits for Redis to take a bulk closing's job before answering that it will start later. */
export const ENQUEUE_TIMEOUT_MS = 3_000;

/** Batches younger than this are left to the request that started them (its enqueue may still be on its way). */
export const RESUME_AFTER_MS = 60_000;

/** One job per batch: a second enqueue of the same batch, while its job exists, is the same job. */
export const closingBatchJobId = (batchId: string) => `close-batch-${batchId}`;

/**
 * Hands a bulk closing to the worker; false, without throwing, when Redis does not take it within
 * ENQUEUE_TIMEOUT_MS (away, refusing connections, or too slow): the batch is recorded and the resume sweep
 * (resumeClosingBatches) enqueues it once Redis answers again.
 */
export async function enqueueClosingBatch(producer: Producer, tenantId: string, batchId: string): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      producer
        .enqueue(QueueName.WORKQUEUE, 'close-batch', { tenantId, batchId }, { jobId: closingBatchJobId(batchId) })
        .then(() => 'QUEUED' as const),
      new Promise<'LATE'>((resolve) => {
        timer = setTimeout(() => resolve('LATE'), ENQUEUE_TIMEOUT_MS);
      }),
    ]);
    if (outcome === 'LATE') logger.error(`bulk closing ${batchId} not enqueued within ${ENQUEUE_TIMEOUT_MS} ms`);
    return outcome === 'QUEUED';
  } catch (error) {
    logger.error(`bulk closing ${batchId} not enqueued: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The resume sweep (workqueue/resume-closing-batches, every few minutes): every agency's bulk closing still running,
 * or done without its creditor e-mail, whose job is not in Redis — its request met a Redis that was away, or the job
 * failed for good and was removed — is enqueued again. The job is idempotent (lib/closing/run-closing-batch.ts), so
 * a batch whose job is only late gets the same job id, which Redis ignores. Returns the batches enqueued.
 */
export async function resumeClosingBatches({
  producer,
  now = new Date(),
}: {
  producer: Producer;
  now?: Date;
}): Promise<{ enqueued: number }> {
  // agency is global (no row-level security): the application role may list it without a tenant context.
  const agencies = await db().agency.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const before = new Date(now.getTime() - RESUME_AFTER_MS);
  const queue = producer.queue(QueueName.WORKQUEUE);
  let enqueued = 0;
  for (const agency of agencies) {
    const batches = await inTenant({ tenantId: agency.id }, (tx) =>
      tx.closingBatch.findMany({
        where: {
          tenantId: agency.id,
          createdAt: { lte: before },
          OR: [{ status: 'RUNNING' }, { status: 'DONE', digestedAt: null }],
        },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
      }),
    );
    for (const batch of batches) {
      if (await queue.getJob(closingBatchJobId(batch.id))) continue;
      await producer.enqueue(
        QueueName.WORKQUEUE,
        'close-batch',
        { tenantId: agency.id, batchId: batch.id },
        { jobId: closingBatchJobId(batch.id) },
      );
      enqueued++;
    }
  }
  return { enqueued };
}
