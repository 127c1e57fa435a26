import type { Redis } from 'ioredis';
import type { PrismaClient } from '../db/generated/client';
import { readHeartbeat } from './heartbeat';

export interface Health {
  ok: boolean;
  database: boolean;
  redis: boolean;
  worker: { alive: boolean; lastBeatAt: string | null };
}

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

/** What a load balancer or an operator needs: can this process serve, and is a worker taking jobs. */
export async function checkHealth(client: PrismaClient, redis: Redis): Promise<Health> {
  const [database, redisOk] = await Promise.all([probe(() => client.$queryRaw`SELECT 1`), probe(() => redis.ping())]);
  const beat = redisOk ? await readHeartbeat(redis).catch(() => null) : null;
  return {
    ok: database && redisOk,
    database,
    redis: redisOk,
    worker: { alive: beat !== null, lastBeatAt: beat?.at ?? null },
  };
}
