import type { JobData } from '../queue/payloads';
import type { JobContext } from '../queue/worker-manager';
import { deliverMessage, failMessage, type DeliveryOutcome } from './deliver-message';

// Handler of the outbox's job: wiring between BullMQ and the use-case, nothing more.

/** After the last attempt the message is marked failed with the error; earlier attempts are BullMQ's retries. */
export async function runSendJob(data: JobData<'notifications', 'send'>, ctx: JobContext): Promise<DeliveryOutcome> {
  try {
    return await deliverMessage({ tenantId: data.tenantId, messageId: data.messageId });
  } catch (error) {
    const attempts = ctx.job.opts.attempts ?? 1;
    if (ctx.job.attemptsMade + 1 >= attempts)
      await failMessage(data.tenantId, data.messageId, error instanceof Error ? error.message : String(error)).catch(
        () => undefined,
      );
    throw error;
  }
}
