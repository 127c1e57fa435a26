import { UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '../config/env';
import { runWithLogContext } from '../log/context';
import { logger } from '../log/logger';
import { inJobSpan } from '../telemetry/job-span';
import { workerConnection } from '../redis/connection';
import { QUEUE_NAMES, queuePrefix, type QueueName } from './names';
import { parsePayload, type JobData, type JobName } from './payloads';
import { DEFAULT_JOB_OPTIONS, closeConnection, createProducer, type Producer } from './producers';

export interface JobContext {
  job: Job;
  /** The manager's non-blocking connection, for small writes such as the heartbeat. */
  redis: Redis;
  prefix: string;
  queues: readonly QueueName[];
}

export type JobHandler<Q extends QueueName, N extends JobName<Q>> = (
  data: JobData<Q, N>,
  ctx: JobContext,
) => Promise<unknown>;

/** (queue, job name) → handler; a handler receives its payload already parsed by the job's schema. */
export type HandlerRegistry = { [Q in QueueName]?: { [N in JobName<Q>]?: JobHandler<Q, N> } };

// The registry's types tie each handler to its schema; at run time the payload is parsed by that
// same schema just before the call, so the handler may be looked up by plain strings.
type LooseHandler = (data: unknown, ctx: JobContext) => Promise<unknown>;

export interface WorkerManagerOptions {
  handlers: HandlerRegistry;
  queues?: readonly QueueName[];
  prefix?: string;
  redisUrl?: string;
  log?: (line: string) => void;
  /** Jobs run at once per queue (default 1). */
  concurrency?: Partial<Record<QueueName, number>>;
}

export interface WorkerManager {
  readonly queues: readonly QueueName[];
  readonly prefix: string;
  /** Queues of the worker process itself: job schedulers, follow-up jobs. */
  readonly producer: Producer;
  close(): Promise<void>;
}

function processorFor(queue: QueueName, handlers: HandlerRegistry, base: Omit<JobContext, 'job'>): Processor {
  const registered = (handlers[queue] ?? {}) as Record<string, LooseHandler | undefined>;
  return async (job) => {
    const handler = Object.hasOwn(registered, job.name) ? registered[job.name] : undefined;
    // Unrecoverable: retrying cannot fix a job nobody handles or a payload that does not parse.
    if (!handler) throw new UnrecoverableError(`No handler registered for job ${queue}/${job.name}`);
    let data: unknown;
    try {
      data = parsePayload(queue, job.name, job.data);
    } catch (error) {
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
    // Every line the job logs says which job, queue and agency it belongs to (lib/log).
    const tenantId = (data as { tenantId?: unknown }).tenantId;
    const tenant = typeof tenantId === 'string' ? tenantId : undefined;
    return runWithLogContext({ jobId: job.id, queue, job: job.name, ...(tenant ? { tenantId: tenant } : {}) }, () =>
      inJobSpan({ queue, job: job.name, jobId: job.id, tenantId: tenant }, async () => {
        const started = performance.now();
        const result = await handler(data, { ...base, job });
        // The heartbeat runs every 30 s: its line would drown the others.
        if (queue !== 'system') logger.info({ ms: Math.round(performance.now() - started) }, 'job completed');
        return result;
      }),
    );
  };
}

/** An outage makes ioredis report the same error on every reconnect attempt: log it once a minute. */
function throttled(log: (line: string) => void, windowMs = 60_000): (key: string, line: string) => void {
  const last = new Map<string, number>();
  return (key, line) => {
    const now = Date.now();
    if (now - (last.get(key) ?? 0) < windowMs) return;
    last.set(key, now);
    log(line);
  };
}

/** Starts one Worker per queue, each on its own connection, and resolves once all are connected. */
export async function startWorkerManager({
  handlers,
  queues = QUEUE_NAMES,
  prefix = queuePrefix(),
  redisUrl = env.REDIS_URL,
  log = (line) => logger.error(line),
  concurrency = {},
}: WorkerManagerOptions): Promise<WorkerManager> {
  const shared = workerConnection(redisUrl);
  const producer = createProducer({ connection: shared, prefix });
  const connections: Redis[] = [shared];
  const workers: Worker[] = [];
  const logError = throttled(log);
  const base = { redis: shared, prefix, queues };
  // Until a Queue takes it over, nothing else listens, and ioredis would print unhandled errors.
  shared.on('error', (error: Error) =>
    logError(`shared:${error.message}`, `redis error: queue=- job=- reason=${error.message}`),
  );

  for (const queue of queues) {
    const connection = workerConnection(redisUrl);
    connections.push(connection);
    const worker = new Worker(queue, processorFor(queue, handlers, base), {
      connection,
      prefix,
      concurrency: concurrency[queue] ?? 1,
      lockDuration: env.WORKER_LOCK_MS,
      stalledInterval: env.WORKER_LOCK_MS,
      removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete,
      removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail,
    });
    worker.on('failed', (job, error) =>
      log(`job failed: queue=${queue} job=${job?.id ?? '-'} name=${job?.name ?? '-'} reason=${error.message}`),
    );
    worker.on('error', (error) =>
      logError(`${queue}:${error.message}`, `worker error: queue=${queue} job=- reason=${error.message}`),
    );
    workers.push(worker);
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Worker.close waits for active jobs; the connections go last, once nothing uses them.
      const results = await Promise.allSettled([...workers.map((w) => w.close()), producer.close()]);
      await Promise.allSettled(connections.map(closeConnection));
      const failures: unknown[] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      if (failures.length) throw new AggregateError(failures, 'worker manager did not close cleanly');
    })();
    return closing;
  };

  try {
    await Promise.all(workers.map((w) => w.waitUntilReady()));
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { queues, prefix, producer, close };
}
