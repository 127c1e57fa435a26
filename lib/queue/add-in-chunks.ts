import type { JobsOptions, Queue } from 'bullmq';

export interface BulkJob {
  name: string;
  data: unknown;
  opts?: JobsOptions;
}

export interface AddInChunksOptions {
  /** Jobs per addBulk call: one Redis pipeline each. */
  chunkSize?: number;
  /** addBulk calls in flight at once on the queue's connection. */
  inFlight?: number;
}

/**
 * Adds a job per item as several addBulk calls in flight rather than one: ioredis writes each call's pipeline as
 * soon as it is built, so Node encodes the next chunk while Redis runs the previous one, where one big addBulk
 * builds every command, then waits for Redis, then parses every reply. Each chunk's jobs are made just before
 * their call, so they die young instead of all living (and being copied by the garbage collector) until the last.
 * Resolves once every chunk is settled, so a failure never leaves calls running behind the caller's back; rejects
 * with the first failure.
 */
export async function addInChunks<T>(
  queue: Queue,
  items: readonly T[],
  toJob: (item: T) => BulkJob,
  { chunkSize = 1_000, inFlight = 4 }: AddInChunksOptions = {},
): Promise<void> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new Error(`addInChunks: chunkSize must be ≥ 1, got ${chunkSize}`);
  if (!Number.isInteger(inFlight) || inFlight < 1)
    throw new Error(`addInChunks: inFlight must be ≥ 1, got ${inFlight}`);
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const chunk = items.slice(next, next + chunkSize).map(toJob);
      next += chunkSize;
      try {
        await queue.addBulk(chunk);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = Math.min(inFlight, Math.ceil(items.length / chunkSize));
  const results = await Promise.allSettled(Array.from({ length: lanes }, lane));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}
