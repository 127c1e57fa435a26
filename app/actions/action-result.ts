import type { ErrorCode, FieldErrors } from '@/lib/errors/app-error';
import type { ShownRef } from '@/lib/errors/describe';
import { readerError } from '@/lib/errors/reader';
import { logger } from '@/lib/log/logger';

// What a server action answers a form or a keyboard-driven client component: never a thrown error for
// something the user can fix, always the API's error body — in the reader's language (the one mapper).

export interface ActionError {
  code: ErrorCode;
  message: string;
  /** Field path (e.g. "outcome.amountCents") → message; empty when the error is about the whole request. */
  fields: FieldErrors;
  /** The catalogue reference, its values in the reader's language (the stale-file banner reads them). */
  ref?: ShownRef;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** A failure as a form shows it: AppError (and anything unexpected, as INTERNAL) through the mapper. */
export async function actionError(error: unknown): Promise<ActionError> {
  const shown = await readerError(error);
  return { code: shown.code, message: shown.message, fields: shown.fields ?? {}, ref: shown.ref };
}

/** Runs a use-case and maps its failure to `{ ok: false, error }`. */
export async function toActionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await work();
    logger.info({ ok: true }, 'server action');
    return { ok: true, data };
  } catch (error) {
    const shown = await actionError(error);
    logger.info({ ok: false, code: shown.code }, 'server action');
    return { ok: false, error: shown };
  }
}
