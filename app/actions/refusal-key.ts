import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors/app-error';

/**
 * For forms whose action answers in the URL: the refusal a person can act on, as the name of its catalogue key under
 * `prefix` (`fallback` for a key of another namespace). Another agency's object (or one the role may not touch) is
 * the page's 404; anything that is not the user's to fix goes on up.
 */
export function refusalKey(error: unknown, prefix: string, fallback: string): string {
  if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
  if (!(error instanceof AppError) || (error.code !== 'INVALID' && error.code !== 'CONFLICT')) throw error;
  const ref = Object.values(error.fieldRefs ?? {})[0] ?? error.ref;
  return ref.key.startsWith(prefix) ? ref.key.slice(prefix.length) : fallback;
}
