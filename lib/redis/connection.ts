import { Redis, type RedisOptions } from 'ioredis';
import { env } from '../config/env';

/** Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null). */
export function workerConnection(url: string = env.REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * Web requests must not hang while Redis is away. The offline queue stays on so the first command after
 * start-up waits for the connection instead of failing; maxRetriesPerRequest: 1 rejects queued commands
 * after one failed reconnection attempt, so an outage still answers within about a second.
 */
export function requestConnection(url: string = env.REDIS_URL, extra: RedisOptions = {}): Redis {
  return new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectTimeout: 2_000, ...extra });
}

const globalForRedis = globalThis as unknown as { recouvraRedis?: Redis };

export function redis(): Redis {
  globalForRedis.recouvraRedis ??= requestConnection();
  return globalForRedis.recouvraRedis;
}
