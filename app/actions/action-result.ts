import { toErrorBody, type ErrorCode, type FieldErrors } from '@/lib/errors/app-error';

// What a server action answers a form or a keyboard-driven client component: never a thrown error for
// something the user can fix, always the same shape as the API's error body.

export interface ActionError {
  code: ErrorCode;
  message: string;
  /** Field path (e.g. "outcome.amountCents") → message; empty when the error is about the whole request. */
  fields: FieldErrors;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Runs a use-case and maps AppError (and anything unexpected, as INTERNAL) to `{ ok: false, error }`. */
export async function toActionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    const { body } = toErrorBody(error);
    return {
      ok: false,
      error: { code: body.error.code, message: body.error.message, fields: body.error.fields ?? {} },
    };
  }
}
