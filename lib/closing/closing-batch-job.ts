import type { JobData } from '../queue/payloads';
import type { JobContext } from '../queue/worker-manager';
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
