import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { inTenantRaw, rawPool } from '../db/raw';
import { inTenant } from '../db/tenant';
import { addInChunks, type BulkJob } from '../queue/add-in-chunks';
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
 * commit fails after adding, the next sweep adds the same job ids again, which Redis ignores. A Redis that takes
 * the connection but never answers would hold the batch's row locks (and every step on those files) for as long
 * as it hangs: past `enqueueTimeoutMs` the batch gives up and rolls back.
 *
 * Speed (issue 5: 100,000 due among 1,000,000 rows in under 10 s): the time goes to Redis, one Lua script per job,
 * and to Node encoding them. So each batch is added as several addBulk calls in flight (Node encodes while Redis
 * runs), and once a batch comes back full a second lane takes the next batch (SKIP LOCKED keeps them apart). Lanes
 * take turns at Redis, one batch at a time: PostgreSQL leases the next batch while Redis takes this one, where lanes
 * free to add at once would fall into step and lease together, with Redis idle. Rows are leased through their ctid:
 * joining the selected keys back to the table made the planner hash the whole table for every batch.
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
  /** Rows per transaction. */
  batchSize?: number;
  /** Batch transactions at once; a second starts only when a batch comes back full. */
  lanes?: number;
  /** Jobs per addBulk call, and such calls in flight per batch. */
  chunkSize?: number;
  inFlight?: number;
  /** A row leased longer ago than this is enqueued again; 0 ignores every lease taken before `now`. */
  leaseMs?: number;
  /** How long one batch may wait for Redis before it rolls back and releases its rows. */
  enqueueTimeoutMs?: number;
  client?: PrismaClient;
  /** The due rows are read with node-postgres: no interactive-transaction timeout, no per-row mapping. */
  pool?: pg.Pool;
}

export interface SweepReport {
  agencies: number;
  enqueued: number;
  messages: number;
  ms: number;
  /** Where the time went, summed over batches (lanes overlap, so the sum may exceed `ms`). */
  phases: { selectMs: number; waitMs: number; enqueueMs: number; commitMs: number };
}

export interface DueRow {
  file_id: string;
  scenario_version_id: string;
  next_step: number;
  run: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_ENQUEUE_TIMEOUT_MS = 60_000;

// Locks and leases in one statement; the ctid comes from the rows just locked, so it cannot move under us.
// The lease bound is strict: rows this sweep has just stamped with `now` are never its own next batch (with a lease
// of 0 and more rows due than a batch holds, the sweep took the same rows again and again).
const LEASE_DUE_SQL = `
  UPDATE file_scenario SET enqueued_at = $2
   WHERE ctid = ANY(ARRAY(
     SELECT ctid FROM file_scenario
      WHERE tenant_id = $1::uuid AND state = 'RUNNING' AND next_run_at <= $2
        AND (enqueued_at IS NULL OR enqueued_at < $3)
      ORDER BY next_run_at
      LIMIT $4
        FOR UPDATE SKIP LOCKED))
  RETURNING file_id, scenario_version_id, next_step, run`;

type Phases = SweepReport['phases'];

export async function sweepDueSteps({
  producer,
  now = new Date(),
  tenantId,
  batchSize = 10_000,
  lanes = 2,
  chunkSize = 1_000,
  inFlight = 4,
  leaseMs = DEFAULT_LEASE_MS,
  enqueueTimeoutMs = DEFAULT_ENQUEUE_TIMEOUT_MS,
  client = db(),
  pool = rawPool(),
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
  const phases: Phases = { selectMs: 0, waitMs: 0, enqueueMs: 0, commitMs: 0 };
  for (const agency of agencies) {
    // Lanes: each loops over batches until one comes back short; a full batch starts one more lane.
    let more = true;
    let running = 0;
    const tasks: Promise<void>[] = [];
    const startLane = () => {
      running += 1;
      tasks.push(lane());
    };
    const onLeased = (rows: number) => {
      if (rows < batchSize) more = false;
      else if (running < lanes) startLane();
    };
    const inTurn = oneAtATime();
    const batch: Batch = {
      pool,
      tenantId: agency.id,
      now,
      leaseEnd,
      batchSize,
      phases,
      onLeased,
      enqueue: (rows, lap) =>
        inTurn(async () => {
          lap('waitMs');
          await withinTime(
            addInChunks(steps, rows, (r) => stepJob(agency.id, r), { chunkSize, inFlight }),
            enqueueTimeoutMs,
            `Redis did not take ${rows.length} step jobs within ${enqueueTimeoutMs} ms: batch rolled back`,
          );
          lap('enqueueMs');
        }),
    };
    const lane = async (): Promise<void> => {
      try {
        while (more) {
          const count = await leaseAndEnqueue(batch);
          enqueued += count; // not `+= await`: that reads the total before another lane adds to it
        }
      } catch (error) {
        more = false; // the other lanes finish their batch and stop
        throw error;
      }
    };
    startLane();
    // Lanes start lanes: wait until no lane is left that started during the last wait.
    let results: PromiseSettledResult<void>[] = [];
    while (results.length < tasks.length) results = await Promise.allSettled([...tasks]);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
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
  return { agencies: agencies.length, enqueued, messages, ms: Math.round(performance.now() - started), phases };
}

interface Batch {
  pool: pg.Pool;
  tenantId: string;
  now: Date;
  leaseEnd: Date;
  batchSize: number;
  phases: Phases;
  onLeased: (rows: number) => void;
  /** Adds the rows' jobs when this batch's turn at Redis comes; `lap` closes the phase that just ended. */
  enqueue: (rows: DueRow[], lap: (phase: keyof Phases) => void) => Promise<void>;
}

/** One batch in one transaction: lease the due rows, add their jobs, commit. Adds its durations to `phases`. */
async function leaseAndEnqueue(b: Batch): Promise<number> {
  let mark = performance.now();
  const lap = (phase: keyof Phases) => {
    const t = performance.now();
    b.phases[phase] += t - mark;
    mark = t;
  };
  const { tenantId } = b;
  const count = await inTenantRaw(
    { tenantId },
    async (c) => {
      // The lease is a hint, not a record: losing it in a crash only re-adds jobs whose ids Redis ignores or whose
      // step is already done (STALE), so the commit need not wait for the disk.
      await c.query(`SELECT set_config('synchronous_commit', 'off', true)`);
      const { rows } = await c.query<DueRow>(LEASE_DUE_SQL, [tenantId, b.now, b.leaseEnd, b.batchSize]);
      lap('selectMs');
      b.onLeased(rows.length);
      if (rows.length === 0) return 0;
      await b.enqueue(rows, lap);
      return rows.length;
    },
    { pool: b.pool },
  );
  lap('commitMs');
  return count;
}

/** The job of a due row: its data is all a step job needs, and its id is the execution key. */
export function stepJob(tenantId: string, r: DueRow): BulkJob {
  return {
    name: 'step',
    data: { tenantId, fileId: r.file_id, versionId: r.scenario_version_id, step: r.next_step, run: r.run },
    opts: {
      ...STEP_JOB_OPTIONS,
      jobId: stepJobId(executionKey(tenantId, r.file_id, r.scenario_version_id, r.next_step, r.run)),
    },
  };
}

/**
 * Rejects after `ms` if the work has not settled. The work itself goes on: jobs Redis takes after the rollback carry
 * the execution key as id, so the next sweep's copies are ignored, and a step already done answers STALE.
 */
async function withinTime<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the tasks given to it one at a time, in the order given; a failed task does not stop the next. */
function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
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
