import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SessionClaims, SessionToken } from '../tenancy/schemas';
import { startSessionActivity } from './session-activity';

/**
 * A new session for a checked sign-in: the token's claims with the person's session version, the sign-in time and
 * a fresh id whose idle clock starts now (decision 0019). A person who must set up a second factor gets a session
 * that opens the enrolment page only.
 */
export async function openSession(
  signedIn: { claims: SessionClaims; sessionVersion: number; secondFactor?: 'passed' | 'enrol' },
  { redis, prefix, now = new Date() }: { redis: Redis; prefix: string; now?: Date },
): Promise<SessionToken> {
  const token: SessionToken = {
    ...signedIn.claims,
    sessionVersion: signedIn.sessionVersion,
    signedInAt: Math.floor(now.getTime() / 1000),
    sessionId: randomUUID(),
  };
  await startSessionActivity(redis, prefix, token.sessionId, signedIn.secondFactor === 'enrol' ? 'enrol' : 'full');
  return token;
}
