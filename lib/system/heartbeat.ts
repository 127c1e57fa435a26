import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { QueueName, queuePrefix } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import type { Producer } from '../queue/producers';
import type { JobContext } from '../queue/worker-manager';

// The TTL spans four beats, so one slow or retried beat does not make a live worker look dead.
export const HEARTBEAT = { schedulerId: 'heartbeat', everyMs: 30_000, ttlSeconds: 120 } as const;

const heartbeatSchema = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  at: z.iso.datetime(),
  queues: z.array(z.string()),
});

export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** Inside the queues' hash tag, so it shares their Redis Cluster slot. */
export function heartbeatKey(prefix: string = queuePrefix()): string {
  return `${prefix}:worker:heartbeat`;
}

/**
 * Handler of system/heartbeat. It runs as a job rather than a timer so that a fresh key proves a
 * worker is actually taking jobs off the queues, not merely that its process is up.
 */
export async function writeHeartbeat(_data: JobData<'system', 'heartbeat'>, ctx: JobContext): Promise<Heartbeat> {
  const beat: Heartbeat = {
    pid: process.pid,
    hostname: hostname(),
    at: new Date().toISOString(),
    queues: [...ctx.queues],
  };
  await ctx.redis.set(heartbeatKey(ctx.prefix), JSON.stringify(beat), 'EX', HEARTBEAT.ttlSeconds);
  return beat;
}

/** Idempotent: every worker upserts the same scheduler at start-up; Redis keeps one. */
export async function scheduleHeartbeat(producer: Producer): Promise<void> {
  const data = parsePayload(QueueName.SYSTEM, 'heartbeat', {});
  await producer.queue(QueueName.SYSTEM).upsertJobScheduler(
    HEARTBEAT.schedulerId,
    { every: HEARTBEAT.everyMs },
    // The next beat is the retry; keep only a few finished beats for inspection.
    { name: 'heartbeat', data, opts: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } } },
  );
}

/** The last heartbeat, or null when no worker has beaten within the TTL (or the value is unreadable). */
export async function readHeartbeat(redis: Redis, prefix: string = queuePrefix()): Promise<Heartbeat | null> {
  const raw = await redis.get(heartbeatKey(prefix));
  if (raw === null) return null;
  try {
    const parsed = heartbeatSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
