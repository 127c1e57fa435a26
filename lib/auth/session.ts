import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { AppError } from '../errors/app-error';
import { noteActor } from '../log/context';
import { redis } from '../redis/connection';
import type { Actor } from '../tenancy/actor';
import { authOptions } from './options';
import { resolveSessionState, type ResolvedSession } from './resolve-session';

/** The page where a person who needs a second factor sets it up: the only one their session opens until then. */
export const ENROLMENT_PAGE = '/account/second-factor';

/** This request's session, whatever its state; resolved once per request (React cache). */
export const currentSession = cache(async (): Promise<ResolvedSession | null> => {
  const session = (await getServerSession(authOptions)) as { claims?: unknown } | null;
  if (!session?.claims) return null;
  const resolved = await resolveSessionState(session.claims, { redis: redis() });
  if (resolved) noteActor(resolved.actor.tenantId, resolved.actor.identityId);
  return resolved;
});

/** The signed-in actor for this request, or null (also while a required second factor is not set up yet). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await currentSession();
  return session?.state === 'full' ? session.actor : null;
});

/** For pages: the actor, or a redirect to the sign-in page (or to the enrolment page, for a session waiting on it). */
export async function requireActor(): Promise<Actor> {
  const session = await currentSession();
  if (!session) redirect('/signin');
  if (session.state === 'enrol') redirect(ENROLMENT_PAGE);
  return session.actor;
}

/** For the enrolment page and its actions: any live session, enrolling or not. */
export async function requireSession(): Promise<ResolvedSession> {
  const session = await currentSession();
  if (!session) redirect('/signin');
  return session;
}

/** For route handlers: the actor, or a typed 401. */
export async function requireApiActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'errors.auth.signIn');
  return actor;
}
