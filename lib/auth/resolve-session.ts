import type { Redis } from 'ioredis';
import type { PrismaClient } from '../db/generated/client';
import { db } from '../db/client';
import { env } from '../config/env';
import { AppError } from '../errors/app-error';
import type { Actor } from '../tenancy/actor';
import { resolveActor } from '../tenancy/resolve-actor';
import { sessionTokenSchema } from '../tenancy/schemas';
import { outlived } from '../tenancy/session-lifetime';
import { touchSessionActivity } from './session-activity';

interface Options {
  redis: Redis;
  client?: PrismaClient;
  now?: Date;
  prefix?: string;
}

/**
 * A session token → the actor, or null when the session is over: a token from before the revocable sessions
 * (no version), older than the absolute lifetime, idle too long, ended since (the person's session version moved
 * on), or whose membership is no longer active. Checked on every request (decision 0019).
 */
export async function resolveSession(
  token: unknown,
  { redis, client = db(), now = new Date(), prefix = env.QUEUE_PREFIX }: Options,
): Promise<Actor | null> {
  const parsed = sessionTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const session = parsed.data;
  if (outlived(session.signedInAt, now)) return null;
  if (!(await touchSessionActivity(redis, prefix, session.sessionId))) return null;
  try {
    return await resolveActor(session, client, { sessionVersion: session.sessionVersion });
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}
