import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { AppError } from '../errors/app-error';
import type { Actor } from '../tenancy/actor';
import { resolveActor } from '../tenancy/resolve-actor';
import { authOptions } from './options';

/** The signed-in actor for this request, or null; resolved once per request (React cache). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { claims?: unknown } | null;
  if (!session?.claims) return null;
  try {
    return await resolveActor(session.claims);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
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
