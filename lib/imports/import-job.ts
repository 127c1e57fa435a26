import { inTenant } from '../db/tenant';
import type { JobData } from '../queue/payloads';
import type { JobContext } from '../queue/worker-manager';
import { processImport } from './process-import';
import { translate } from '../i18n/translate';

const FAILED = { key: 'file.failed' };

/** Handler of imports/process: progress goes to the job (the page polls it); the last failure marks FAILED. */
export async function runImportJob(data: JobData<'imports', 'process'>, ctx: JobContext) {
  try {
    return await processImport({ ...data, onProgress: (p) => ctx.job.updateProgress(p) });
  } catch (error) {
    const attempts = ctx.job.opts.attempts ?? 1;
    if (ctx.job.attemptsMade + 1 >= attempts) {
      await inTenant({ tenantId: data.tenantId }, (tx) =>
        tx.importBatch.update({
          where: { tenantId_id: { tenantId: data.tenantId, id: data.importId } },
          data: { status: 'FAILED', error: translate(FAILED), errorRef: FAILED },
        }),
      );
    }
    throw error;
  }
}
