import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SessionClaims, SessionToken } from '../tenancy/schemas';
import { startSessionActivity } from './session-activity';

/**
 * A new session for a checked sign-in: the token's claims with the person's session version, the sign-in time and
 * a fresh id whose idle clock starts now (decision 0019).
 */
export async function openSession(
  signedIn: { claims: SessionClaims; sessionVersion: number },
  { redis, prefix, now = new Date() }: { redis: Redis; prefix: string; now?: Date },
): Promise<SessionToken> {
  const token: SessionToken = {
    ...signedIn.claims,
    sessionVersion: signedIn.sessionVersion,
    signedInAt: Math.floor(now.getTime() / 1000),
    sessionId: randomUUID(),
  };
  await startSessionActivity(redis, prefix, token.sessionId);
  return token;
}
