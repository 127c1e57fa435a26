import type { Redis } from 'ioredis';
import type { PrismaClient } from '../db/generated/client';
import { db } from '../db/client';
import { env } from '../config/env';
import { AppError } from '../errors/app-error';
import type { Actor } from '../tenancy/actor';
import { resolveActor } from '../tenancy/resolve-actor';
import { sessionTokenSchema } from '../tenancy/schemas';
import { outlived } from '../tenancy/session-lifetime';
import { touchSessionActivity, type SessionState } from './session-activity';

interface Options {
  redis: Redis;
  client?: PrismaClient;
  now?: Date;
  prefix?: string;
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  /** 'enrol': signed in with the password, the second factor still to set up (only the enrolment page opens). */
  state: SessionState;
}

/**
 * A session token → its actor and state, or null when the session is over: a token from before the revocable
 * sessions (no version), older than the absolute lifetime, idle too long, ended since (the person's session version
 * moved on), or whose membership is no longer active. Checked on every request (decision 0019).
 */
export async function resolveSessionState(
  token: unknown,
  { redis, client = db(), now = new Date(), prefix = env.QUEUE_PREFIX }: Options,
): Promise<ResolvedSession | null> {
  const parsed = sessionTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const session = parsed.data;
  if (outlived(session.signedInAt, now)) return null;
  const state = await touchSessionActivity(redis, prefix, session.sessionId);
  if (!state) return null;
  try {
    const actor = await resolveActor(session, client, { sessionVersion: session.sessionVersion });
    return { actor, sessionId: session.sessionId, state };
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}

/** The actor of a full session (second factor passed or not needed), or null. */
export async function resolveSession(token: unknown, options: Options): Promise<Actor | null> {
  const resolved = await resolveSessionState(token, options);
  return resolved?.state === 'full' ? resolved.actor : null;
}
