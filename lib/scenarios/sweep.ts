import { performance } from 'node:perf_hooks';
import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { QueueName } from '../queue/names';
import type { Producer } from '../queue/producers';
import { executionKey, stepJobId } from './rules';

/**
 * The sweep: finds the scenario steps that are due and enqueues one job per file step, with the execution
 * key as job id, so running it twice (or on two workers at once) enqueues nothing twice.
 *
 * Rows are taken set-based, per agency, in batches: `FOR UPDATE SKIP LOCKED` passes over a row whose step a
 * worker is executing right now, and `enqueued_at` is a lease — a row enqueued less than `leaseMs` ago is not
 * enqueued again, so a long backlog is not re-added every minute, while a job lost with Redis is re-enqueued
 * by the first sweep after the lease (the row is still due: only the step's own transaction moves it on).
 * The jobs are added before the batch's transaction commits: if adding fails, the lease is not taken; if the
 * commit fails after adding, the next sweep adds the same job ids again, which Redis ignores.
 */

export const STEP_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  // A step may be postponed and come back under the same job id: a finished job must not keep that id.
  removeOnComplete: true,
  removeOnFail: true,
} as const;

export interface SweepOptions {
  producer: Producer;
  now?: Date;
  tenantId?: string;
  batchSize?: number;
  leaseMs?: number;
  client?: PrismaClient;
}

export interface SweepReport {
  agencies: number;
  enqueued: number;
  messages: number;
  ms: number;
}

interface DueRow {
  file_id: string;
  scenario_version_id: string;
  next_step: number;
  run: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

export async function sweepDueSteps({
  producer,
  now = new Date(),
  tenantId,
  batchSize = 10_000,
  leaseMs = DEFAULT_LEASE_MS,
  client = db(),
}: SweepOptions): Promise<SweepReport> {
  const started = performance.now();
  // agency is global: the application role lists it without a tenant context.
  const agencies = tenantId
    ? [{ id: tenantId }]
    : await client.agency.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const leaseEnd = new Date(now.getTime() - leaseMs);
  const steps = producer.queue(QueueName.SCENARIOS);
  const notifications = producer.queue(QueueName.NOTIFICATIONS);
  let enqueued = 0;
  let messages = 0;
  for (const agency of agencies) {
    for (;;) {
      const count = await inTenant(
        { tenantId: agency.id },
        async (tx) => {
          const rows = await tx.$queryRaw<DueRow[]>`
            WITH due AS (
              SELECT file_id FROM file_scenario
               WHERE tenant_id = ${agency.id}::uuid AND state = 'RUNNING' AND next_run_at <= ${now}
                 AND (enqueued_at IS NULL OR enqueued_at <= ${leaseEnd})
               ORDER BY next_run_at
               LIMIT ${batchSize}
                 FOR UPDATE SKIP LOCKED
            )
            UPDATE file_scenario fs SET enqueued_at = ${now}
              FROM due WHERE fs.tenant_id = ${agency.id}::uuid AND fs.file_id = due.file_id
            RETURNING fs.file_id, fs.scenario_version_id, fs.next_step, fs.run`;
          if (rows.length === 0) return 0;
          await steps.addBulk(
            rows.map((r) => {
              const data = {
                tenantId: agency.id,
                fileId: r.file_id,
                versionId: r.scenario_version_id,
                step: r.next_step,
                run: r.run,
              };
              const key = executionKey(agency.id, r.file_id, r.scenario_version_id, r.next_step, r.run);
              return { name: 'step', data, opts: { ...STEP_JOB_OPTIONS, jobId: stepJobId(key) } };
            }),
          );
          return rows.length;
        },
        client,
      );
      enqueued += count;
      if (count < batchSize) break;
    }
    // Outbox rows whose send job never made it to Redis (a crash right after the step's commit).
    const pending = await inTenant(
      { tenantId: agency.id },
      (tx) => tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM outbound_message
         WHERE tenant_id = ${agency.id}::uuid AND status = 'PENDING' AND created_at <= ${new Date(now.getTime() - 60_000)}
         ORDER BY created_at LIMIT 10000`,
      client,
    );
    if (pending.length > 0) {
      await notifications.addBulk(
        pending.map((m) => ({
          name: 'send',
          data: { tenantId: agency.id, messageId: m.id },
          opts: { ...MESSAGE_JOB_OPTIONS, jobId: messageJobId(m.id) },
        })),
      );
      messages += pending.length;
    }
  }
  return { agencies: agencies.length, enqueued, messages, ms: Math.round(performance.now() - started) };
}

export const MESSAGE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: true,
  removeOnFail: true,
} as const;

export function messageJobId(messageId: string): string {
  return `msg.${messageId}`;
}
