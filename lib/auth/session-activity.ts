import type { Redis } from 'ioredis';
import { SESSION_LIFETIME } from '../tenancy/session-lifetime';

/**
 * The idle clock (decision 0019). next-auth re-issues no cookie when a server component reads the session, so
 * the token cannot carry "last seen": each session's id is a Redis key that lives `idleSeconds` and every
 * request renews. A key gone (idle, signed out, or Redis lost its data) ends the session: it fails closed.
 * Its value is the session's state: 'full', or 'enrol' while a person who needs a second factor sets one up.
 */
export type SessionState = 'full' | 'enrol';

const key = (prefix: string, sessionId: string) => `${prefix}:session:${sessionId}`;

export async function startSessionActivity(
  redis: Redis,
  prefix: string,
  sessionId: string,
  state: SessionState = 'full',
  idleSeconds: number = SESSION_LIFETIME.idleSeconds,
): Promise<void> {
  await redis.set(key(prefix, sessionId), state, 'EX', idleSeconds);
}

/** Renews the session's idle clock and answers its state; null when it had already run out (the session is over). */
export async function touchSessionActivity(
  redis: Redis,
  prefix: string,
  sessionId: string,
  idleSeconds: number = SESSION_LIFETIME.idleSeconds,
): Promise<SessionState | null> {
  const state = await redis.getex(key(prefix, sessionId), 'EX', idleSeconds);
  return state === 'full' || state === 'enrol' ? state : null;
}

/** The second factor set up: the session opens fully (only while it is still alive). */
export async function completeSessionEnrolment(
  redis: Redis,
  prefix: string,
  sessionId: string,
  idleSeconds: number = SESSION_LIFETIME.idleSeconds,
): Promise<boolean> {
  return (await redis.set(key(prefix, sessionId), 'full', 'EX', idleSeconds, 'XX')) === 'OK';
}

export async function endSessionActivity(redis: Redis, prefix: string, sessionId: string): Promise<void> {
  await redis.del(key(prefix, sessionId));
}
