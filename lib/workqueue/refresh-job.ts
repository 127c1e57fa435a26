import { dayIn } from '../dates/days';
import { db } from '../db/client';
import { QueueName } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import { createProducer, type Producer } from '../queue/producers';
import type { JobContext } from '../queue/worker-manager';
import { refreshTenantQueue, type RefreshSummary } from './refresh';

// After the plans check (05:00) has marked the night's missed instalments, before agents open their queue.
export const WORKQUEUE_REFRESH = {
  schedulerId: 'workqueue-refresh-daily',
  pattern: '30 5 * * *',
  tz: 'Europe/Paris',
} as const;

/**
 * Handler of workqueue/refresh. Without a tenant it fans out one job per agency, so that one agency's
 * failure is retried alone; with a tenant it recomputes that agency's ranks for its own today. Idempotent:
 * a rerun computes the same ranks and writes only the rows that differ.
 */
export async function runWorkqueueRefreshJob(
  data: JobData<'workqueue', 'refresh'>,
  ctx: JobContext,
): Promise<RefreshSummary | { agencies: number }> {
  if (data.tenantId) {
    const agency = await db().agency.findUnique({ where: { id: data.tenantId }, select: { timeZone: true } });
    if (!agency) return { files: 0, written: 0, batches: 0, ms: 0 };
    const today = data.today ?? dayIn(agency.timeZone);
    return refreshTenantQueue(data.tenantId, today, { onProgress: (p) => ctx.job.updateProgress({ ...p }) });
  }
  // agency is global (no row-level security): the application role may list it without a tenant context.
  const agencies = await db().agency.findMany({ select: { id: true, timeZone: true }, orderBy: { id: 'asc' } });
  const producer = createProducer({ connection: ctx.redis, prefix: ctx.prefix });
  try {
    for (const agency of agencies) {
      const today = data.today ?? dayIn(agency.timeZone);
      // One job per agency and day, even if the scheduler fires twice.
      await producer.enqueue(
        QueueName.WORKQUEUE,
        'refresh',
        { tenantId: agency.id, today },
        { jobId: `refresh-${agency.id}-${today}` },
      );
    }
  } finally {
    await producer.close();
  }
  return { agencies: agencies.length };
}

/** Every worker upserts the same scheduler at start-up; Redis keeps one. */
export async function scheduleWorkqueueRefresh(producer: Producer): Promise<void> {
  const data = parsePayload(QueueName.WORKQUEUE, 'refresh', {});
  await producer
    .queue(QueueName.WORKQUEUE)
    .upsertJobScheduler(
      WORKQUEUE_REFRESH.schedulerId,
      { pattern: WORKQUEUE_REFRESH.pattern, tz: WORKQUEUE_REFRESH.tz },
      { name: 'refresh', data },
    );
}
