import type { z } from 'zod';
import { AppError, type FieldErrors } from './app-error';

/** Parses untrusted input with a module schema; failures become one INVALID error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  throw AppError.invalid(`Invalid input — ${summary}`, fields);
}
