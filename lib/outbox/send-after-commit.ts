import { enqueue } from '../queue/producers';
import { QueueName } from '../queue/names';
import { MESSAGE_JOB_OPTIONS, messageJobId } from '../scenarios/sweep';
import { logger } from '../log/logger';

/**
 * Hands outbox messages written by a use-case to the sender once its transaction has committed. If this is lost
 * (Redis away), the scenario sweep finds the rows still PENDING and enqueues them: a failure here is only logged.
 */
export async function sendAfterCommit(tenantId: string, messageIds: readonly string[], what: string): Promise<void> {
  for (const messageId of messageIds)
    await enqueue(
      QueueName.NOTIFICATIONS,
      'send',
      { tenantId, messageId },
      { ...MESSAGE_JOB_OPTIONS, jobId: messageJobId(messageId) },
    ).catch((error: unknown) => logger.error({ err: error }, `${what} not enqueued (the sweep will)`));
}
