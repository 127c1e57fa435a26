import type { JobData } from '../queue/payloads';
import type { JobContext } from '../queue/worker-manager';
import { runPrintRun } from './create-print-run';

// Handler of the print run's job: wiring between BullMQ and the use-case, nothing more.

export async function runPrintRunJob(data: JobData<'letters', 'print-run'>, ctx: JobContext) {
  return runPrintRun({
    tenantId: data.tenantId,
    printRunId: data.printRunId,
    onProgress: (p) => ctx.job.updateProgress({ ...p }),
  });
}
