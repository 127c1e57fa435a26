import type { Redis } from 'ioredis';
import { SESSION_LIFETIME } from '../tenancy/session-lifetime';

/**
 * The idle clock (decision 0019). next-auth re-issues no cookie when a server component reads the session, so
 * the token cannot carry "last seen": each session's id is a Redis key that lives `idleSeconds` and every
 * request renews. A key gone (idle, signed out, or Redis lost its data) ends the session: it fails closed.
 */
const key = (prefix: string, sessionId: string) => `${prefix}:session:${sessionId}`;

export async function startSessionActivity(
  redis: Redis,
  prefix: string,
  sessionId: string,
  idleSeconds: number = SESSION_LIFETIME.idleSeconds,
): Promise<void> {
  await redis.set(key(prefix, sessionId), '1', 'EX', idleSeconds);
}

/** Renews the session's idle clock; false when it had already run out (the session is over). */
export async function touchSessionActivity(
  redis: Redis,
  prefix: string,
  sessionId: string,
  idleSeconds: number = SESSION_LIFETIME.idleSeconds,
): Promise<boolean> {
  return (await redis.set(key(prefix, sessionId), '1', 'EX', idleSeconds, 'XX')) === 'OK';
}

export async function endSessionActivity(redis: Redis, prefix: string, sessionId: string): Promise<void> {
  await redis.del(key(prefix, sessionId));
}
