import { Queue, type DefaultJobOptions, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { requestConnection } from '../redis/connection';
import { queuePrefix, type QueueName } from './names';
import { parsePayload, type JobInput, type JobName } from './payloads';
import { logger } from '../log/logger';

/**
 * Outcomes that matter are recorded in PostgreSQL (ARCHITECTURE.md rule 6), so Redis keeps finished
 * jobs only long enough to debug recent runs. Jobs are idempotent, so a failed attempt is retried.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
} as const satisfies DefaultJobOptions;

export interface Producer {
  readonly prefix: string;
  /** The one Queue this producer keeps for `name` (created on first use). */
  queue(name: QueueName): Queue;
  enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    payload: JobInput<Q, N>,
    opts?: JobsOptions,
  ): Promise<Job>;
  close(): Promise<void>;
}

export interface ProducerOptions {
  connection: Redis;
  prefix?: string;
  /** Quit the connection on close: true when the caller handed the connection over. */
  ownsConnection?: boolean;
}

export function createProducer({
  connection,
  prefix = queuePrefix(),
  ownsConnection = false,
}: ProducerOptions): Producer {
  const queues = new Map<QueueName, Queue>();

  function queue(name: QueueName): Queue {
    let existing = queues.get(name);
    if (!existing) {
      existing = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      // Without a listener an 'error' event would throw; the caller sees the failure on add().
      existing.on('error', (error) => logger.error(`queue error: queue=${name} reason=${error.message}`));
      queues.set(name, existing);
    }
    return existing;
  }

  return {
    prefix,
    queue,
    async enqueue(queueName, name, payload, opts) {
      // Validate before touching Redis; store the input as given, since the worker parses it again
      // with the same schema (a transformed output would not survive that second parse).
      parsePayload(queueName, name, payload);
      return queue(queueName).add(name, payload, opts);
    },
    async close() {
      const open = [...queues.values()];
      queues.clear();
      await Promise.all(open.map((q) => q.close()));
      if (ownsConnection) await closeConnection(connection);
    },
  };
}

/** QUIT when connected; otherwise drop the socket, since QUIT would wait for a Redis that is away. */
export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'ready') await connection.quit();
  else connection.disconnect();
}

// One producer per process; Next.js dev reloads modules, so keep it on globalThis.
const globalForQueues = globalThis as unknown as { recouvraProducer?: Producer };

/** The web process's producer: fails fast when Redis is away instead of queueing commands. */
export function producer(): Producer {
  // lazyConnect: no socket is opened until a valid payload is actually enqueued.
  globalForQueues.recouvraProducer ??= createProducer({
    connection: requestConnection(undefined, { lazyConnect: true }),
    ownsConnection: true,
  });
  return globalForQueues.recouvraProducer;
}

export function enqueue<Q extends QueueName, N extends JobName<Q>>(
  queue: Q,
  name: N,
  payload: JobInput<Q, N>,
  opts?: JobsOptions,
): Promise<Job> {
  return producer().enqueue(queue, name, payload, opts);
}
