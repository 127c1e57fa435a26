import type { Redis } from 'ioredis';
import type { PrismaClient } from '../db/generated/client';
import { readHeartbeat } from './heartbeat';

export interface Health {
  /** This process can serve: PostgreSQL and Redis answer (the load balancer's question). */
  ok: boolean;
  /** And a worker is taking jobs: what an operator's readiness check asks before sending work. */
  ready: boolean;
  database: boolean;
  redis: boolean;
  worker: { alive: boolean; lastBeatAt: string | null };
}

// A probe that hangs (a PostgreSQL that accepts connections but answers nothing) must not hang the check.
const PROBE_TIMEOUT_MS = 3_000;

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** What a load balancer or an operator needs: can this process serve, and is a worker taking jobs. */
export async function checkHealth(client: PrismaClient, redis: Redis, prefix?: string): Promise<Health> {
  const [database, redisOk] = await Promise.all([probe(() => client.$queryRaw`SELECT 1`), probe(() => redis.ping())]);
  const beat = redisOk ? await readHeartbeat(redis, prefix).catch(() => null) : null;
  const ok = database && redisOk;
  return {
    ok,
    ready: ok && beat !== null,
    database,
    redis: redisOk,
    worker: { alive: beat !== null, lastBeatAt: beat?.at ?? null },
  };
}
