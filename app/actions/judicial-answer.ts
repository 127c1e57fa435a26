import { revalidatePath } from 'next/cache';
import { notFound } from 'next/navigation';
import type { JudicialActionState } from '@/app/actions/judicial-state';
import { AppError } from '@/lib/errors/app-error';
import { readerError } from '@/lib/errors/reader';

/**
 * Runs a judicial decision's use-case for its form: the done message, or the refusal in the reader's language
 * (another agency's or creditor's object is a 404, as the page would be); anything unexpected propagates.
 */
export async function judicialAnswer<T>(
  prev: JudicialActionState,
  work: () => Promise<T>,
  done: (result: T) => string,
  paths: string[],
): Promise<JudicialActionState> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    if (!(error instanceof AppError) || (error.code !== 'INVALID' && error.code !== 'CONFLICT')) throw error;
    const shown = await readerError(error);
    return { status: 'error', seq: prev.seq + 1, message: shown.message, fields: shown.fields ?? {} };
  }
  for (const path of paths) revalidatePath(path);
  return { status: 'done', seq: prev.seq + 1, message: done(result) };
}

/** A form post as a use-case's input: Next's own $ACTION_* fields and the page's own (`omit`) left out. */
export function formValues(formData: FormData, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION') || omit.includes(key) || typeof value !== 'string') continue;
    values[key] = value;
  }
  return values;
}
