import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { AppError } from '../errors/app-error';
import { redis } from '../redis/connection';
import type { Actor } from '../tenancy/actor';
import { authOptions } from './options';
import { resolveSession } from './resolve-session';

/** The signed-in actor for this request, or null; resolved once per request (React cache). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { claims?: unknown } | null;
  if (!session?.claims) return null;
  return resolveSession(session.claims, { redis: redis() });
});

/** For pages: the actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/signin');
  return actor;
}

/** For route handlers: the actor, or a typed 401. */
export async function requireApiActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'errors.auth.signIn');
  return actor;
}
