import { QueueName } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import { createProducer, type Producer } from '../queue/producers';
import type { JobContext } from '../queue/worker-manager';
import { resumeClosingBatches } from './resume-closing-batches';
import { runClosingBatch, type BatchOutcome } from './run-closing-batch';

/** Handler of workqueue/close-batch: wiring between BullMQ and the use-case. */
export async function runClosingBatchJob(
  data: JobData<'workqueue', 'close-batch'>,
  ctx: JobContext,
): Promise<BatchOutcome> {
  return runClosingBatch({
    tenantId: data.tenantId,
    batchId: data.batchId,
    onProgress: (p) => ctx.job.updateProgress({ ...p }),
  });
}

export const CLOSING_BATCHES_RESUME = { schedulerId: 'closing-batches-resume', every: 5 * 60_000 } as const;

/** Handler of workqueue/resume-closing-batches: the batches whose job never reached Redis, enqueued again. */
export async function runResumeClosingBatchesJob(
  _data: JobData<'workqueue', 'resume-closing-batches'>,
  ctx: JobContext,
): Promise<{ enqueued: number }> {
  const producer = createProducer({ connection: ctx.redis, prefix: ctx.prefix });
  try {
    return await resumeClosingBatches({ producer });
  } finally {
    await producer.close();
  }
}

/** Every worker upserts the same scheduler at start-up; Redis keeps one. */
export async function scheduleClosingBatchesResume(producer: Producer): Promise<void> {
  const data = parsePayload(QueueName.WORKQUEUE, 'resume-closing-batches', {});
  await producer
    .queue(QueueName.WORKQUEUE)
    .upsertJobScheduler(
      CLOSING_BATCHES_RESUME.schedulerId,
      { every: CLOSING_BATCHES_RESUME.every },
      { name: 'resume-closing-batches', data },
    );
}
