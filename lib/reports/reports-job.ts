import { db } from '../db/client';
import { QueueName } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import { createProducer, type Producer } from '../queue/producers';
import type { JobContext } from '../queue/worker-manager';
import { applyDirtyFiles, hasDirtyFiles, rebuildReports, type ApplyResult, type RebuildResult } from './summaries';

// The reports queue. Changes reach the summaries within seconds: every change marks its file in
// report_dirty_file (a database trigger, same transaction), a sweep every few seconds finds the agencies
// with marks and enqueues one apply per agency. The nightly rebuild recomputes everything from the raw tables
// and moves the aging day on.

export const REPORTS_SWEEP = { schedulerId: 'reports-sweep', every: 10_000 } as const;
// After the plans check (05:00) and the work-queue refresh (05:30) would be too late for the morning's
// figures; at 02:30 the night's imports are done.
export const REPORTS_REBUILD = {
  schedulerId: 'reports-rebuild-nightly',
  pattern: '30 2 * * *',
  tz: 'Europe/Paris',
} as const;

/** Asks for an agency's marked files to be applied now (deduplicated while one is waiting or running). */
export async function requestReportsApply(producer: Producer, tenantId: string): Promise<void> {
  await producer.enqueue(QueueName.REPORTS, 'apply', { tenantId }, { deduplication: { id: `apply-${tenantId}` } });
}

/** Handler of reports/apply: idempotent, a rerun finds nothing left to apply. */
export async function runReportsApplyJob(data: JobData<'reports', 'apply'>): Promise<ApplyResult> {
  return applyDirtyFiles(data.tenantId);
}

/** Handler of reports/sweep: one apply per agency with marked files. */
export async function runReportsSweepJob(
  _data: JobData<'reports', 'sweep'>,
  ctx: JobContext,
): Promise<{ agencies: number }> {
  // agency is global (no row-level security); each agency's marks are read in its own tenant context.
  const agencies = await db().agency.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const producer = createProducer({ connection: ctx.redis, prefix: ctx.prefix });
  let queued = 0;
  try {
    for (const { id } of agencies) {
      if (!(await hasDirtyFiles(id))) continue;
      await requestReportsApply(producer, id);
      queued++;
    }
  } finally {
    await producer.close();
  }
  return { agencies: queued };
}

/** Handler of reports/rebuild: without a tenant it fans out one job per agency (one failure retried alone). */
export async function runReportsRebuildJob(
  data: JobData<'reports', 'rebuild'>,
  ctx: JobContext,
): Promise<RebuildResult | { agencies: number }> {
  if (data.tenantId) return rebuildReports(data.tenantId, { asOf: data.asOf });
  const agencies = await db().agency.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const producer = createProducer({ connection: ctx.redis, prefix: ctx.prefix });
  try {
    const day = new Date().toISOString().slice(0, 10);
    for (const { id } of agencies) {
      await producer.enqueue(
        QueueName.REPORTS,
        'rebuild',
        { tenantId: id, asOf: data.asOf },
        { jobId: `rebuild-${id}-${day}` },
      );
    }
  } finally {
    await producer.close();
  }
  return { agencies: agencies.length };
}

/** Every worker upserts the same schedulers at start-up; Redis keeps one of each. */
export async function scheduleReports(producer: Producer): Promise<void> {
  const queue = producer.queue(QueueName.REPORTS);
  await queue.upsertJobScheduler(
    REPORTS_SWEEP.schedulerId,
    { every: REPORTS_SWEEP.every },
    {
      name: 'sweep',
      data: parsePayload(QueueName.REPORTS, 'sweep', {}),
      opts: { removeOnComplete: true, removeOnFail: 100 },
    },
  );
  await queue.upsertJobScheduler(
    REPORTS_REBUILD.schedulerId,
    { pattern: REPORTS_REBUILD.pattern, tz: REPORTS_REBUILD.tz },
    { name: 'rebuild', data: parsePayload(QueueName.REPORTS, 'rebuild', {}) },
  );
}
