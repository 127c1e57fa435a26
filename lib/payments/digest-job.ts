import { QueueName } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import type { Producer } from '../queue/producers';
import { sendCreditorDigests, type DigestReport } from './creditor-digest';

// Every morning in France, after the night's payments are in and before creditors open their mail.
export const CREDITOR_DIGEST = {
  schedulerId: 'creditor-digest-daily',
  pattern: '0 7 * * *',
  tz: 'Europe/Paris',
} as const;

/** Handler of notifications/creditor-digest: wiring only. A rerun finds the stamped payments and sends nothing. */
export async function runCreditorDigestJob(data: JobData<'notifications', 'creditor-digest'>): Promise<DigestReport> {
  return sendCreditorDigests({ ...(data.tenantId ? { tenantId: data.tenantId } : {}) });
}

/** Every worker upserts the same scheduler at start-up; Redis keeps one (BullMQ 6 job schedulers). */
export async function scheduleCreditorDigest(producer: Producer): Promise<void> {
  const data = parsePayload(QueueName.NOTIFICATIONS, 'creditor-digest', {});
  await producer
    .queue(QueueName.NOTIFICATIONS)
    .upsertJobScheduler(
      CREDITOR_DIGEST.schedulerId,
      { pattern: CREDITOR_DIGEST.pattern, tz: CREDITOR_DIGEST.tz },
      { name: 'creditor-digest', data },
    );
}
