import { recordTimeline } from '../history/record';
import type { Redis } from 'ioredis';
import { env } from '../config/env';
import { analyzeStaleTables } from '../db/planner-stats';
import { inTenant } from '../db/tenant';
import { QueueName } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import { createProducer, type Producer } from '../queue/producers';
import type { JobContext } from '../queue/worker-manager';
import { runStep, type RunStepResult } from './run-step';
import { MESSAGE_JOB_OPTIONS, messageJobId, sweepDueSteps, type SweepOptions, type SweepReport } from './sweep';
import { logger } from '../log/logger';

// Handlers of the engine's jobs: wiring between BullMQ and the use-cases, nothing more.

export const SCENARIO_SWEEP = { schedulerId: 'scenarios-sweep' } as const;

// One producer per worker connection: a handler runs thousands of times and Queue objects are not free.
const producers = new WeakMap<Redis, Producer>();
function producerFor(ctx: JobContext): Producer {
  let p = producers.get(ctx.redis);
  if (!p) {
    p = createProducer({ connection: ctx.redis, prefix: ctx.prefix });
    producers.set(ctx.redis, p);
  }
  return p;
}

/** The engine's clock: real time, unless a demo or a test moves it ahead (SCENARIO_CLOCK_OFFSET_MS). */
export function engineNow(): Date {
  return new Date(Date.now() + env.SCENARIO_CLOCK_OFFSET_MS);
}

export async function runSweepJob(data: JobData<'scenarios', 'sweep'>, ctx: JobContext): Promise<ScheduledSweep> {
  return scheduledSweep({
    producer: producerFor(ctx),
    tenantId: data.tenantId,
    now: data.now ? new Date(data.now) : engineNow(),
  });
}

export interface ScheduledSweep extends SweepReport {
  /** Tables whose planner statistics had gone stale and were analyzed after the sweep. */
  analyzed: string[];
}

/**
 * What the scheduler runs every minute: the sweep, then fresh statistics for the tables the engine grows, so the
 * steps' queries keep their index plans however far autovacuum lags (lib/db/planner-stats.ts).
 */
export async function scheduledSweep(options: SweepOptions): Promise<ScheduledSweep> {
  const report = await sweepDueSteps(options);
  return { ...report, analyzed: await analyzeStaleTables(options.pool) };
}

/** After the last attempt: the step waits an hour per failure, and the fifth failure pauses the scenario. */
export async function recordStepFailure(
  data: JobData<'scenarios', 'step'>,
  reason: string,
  now = new Date(),
): Promise<void> {
  await inTenant({ tenantId: data.tenantId }, async (tx) => {
    const rows = await tx.$queryRaw<{ failures: number }[]>`
      UPDATE file_scenario
         SET failures = failures + 1,
             next_run_at = ${now}::timestamptz + (failures + 1) * interval '1 hour',
             state = CASE WHEN failures + 1 >= 5 THEN 'PAUSED'::"ScenarioState" ELSE state END,
             state_reason = CASE WHEN failures + 1 >= 5 THEN 'STEP_FAILED' ELSE state_reason END,
             enqueued_at = NULL, updated_at = ${now}
       WHERE tenant_id = ${data.tenantId}::uuid AND file_id = ${data.fileId}::uuid AND state = 'RUNNING'
         AND scenario_version_id = ${data.versionId}::uuid AND next_step = ${data.step} AND run = ${data.run}
      RETURNING failures`;
    if (!rows[0]) return;
    const { failures } = rows[0];
    // The error's text is for the agency's staff (worker log), never for the timeline a creditor reads.
    logger.error(
      `[scenarios] step ${data.step + 1} of file ${data.fileId} (agency ${data.tenantId}) failed ${failures}×: ${reason}`,
    );
    await recordTimeline(
      tx,
      { tenantId: data.tenantId, fileId: data.fileId, actorId: null, at: now },
      { kind: 'scenario.step_failed', details: { step: data.step, failures, paused: failures >= 5 } },
    );
  });
}

/** `now` only for the bench's in-process workers; the worker process uses the engine's clock. */
export async function runStepJob(
  data: JobData<'scenarios', 'step'>,
  ctx: JobContext,
  now: Date = engineNow(),
): Promise<RunStepResult> {
  let result: RunStepResult;
  try {
    result = await runStep(data, { now });
  } catch (error) {
    const attempts = ctx.job.opts.attempts ?? 1;
    if (ctx.job.attemptsMade + 1 >= attempts)
      await recordStepFailure(data, error instanceof Error ? error.message : String(error), now).catch(() => undefined);
    throw error;
  }
  // After COMMIT: if this is lost, the sweep finds the outbox rows still PENDING and enqueues them.
  if (result.outcome === 'DONE' && result.messageIds.length > 0) {
    await producerFor(ctx)
      .queue(QueueName.NOTIFICATIONS)
      .addBulk(
        result.messageIds.map((messageId) => ({
          name: 'send',
          data: { tenantId: data.tenantId, messageId },
          opts: { ...MESSAGE_JOB_OPTIONS, jobId: messageJobId(messageId) },
        })),
      );
  }
  return result;
}

/** Every worker upserts the same scheduler at start-up; Redis keeps one. */
export async function scheduleScenarioSweep(
  producer: Producer,
  everyMs: number = env.SCENARIO_SWEEP_MS,
): Promise<void> {
  const data = parsePayload(QueueName.SCENARIOS, 'sweep', {});
  await producer
    .queue(QueueName.SCENARIOS)
    .upsertJobScheduler(SCENARIO_SWEEP.schedulerId, { every: everyMs }, { name: 'sweep', data });
}
