import type { z } from 'zod';
import { AppError, ref, type ErrorRef } from './app-error';
import { readKey } from './keys';

// Schemas give catalogue keys as their messages (e.g. `payments.errors.amount`): a zod issue becomes a field
// reference with the issue's bound as `{max}` / `{min}`. A message zod writes itself (no message of ours) gets
// the generic reference for its issue code, so the reader still reads their language: zod's own English
// ("Invalid UUID", "Invalid option: expected one of …") never reaches anyone.

function issueRef(issue: z.core.$ZodIssue): ErrorRef {
  const bounds: Record<string, number> = {};
  if (issue.code === 'too_big') bounds.max = Number(issue.maximum);
  if (issue.code === 'too_small') bounds.min = Number(issue.minimum);
  const values = Object.keys(bounds).length > 0 ? bounds : undefined;
  const named = readKey(issue.message);
  if (named) return ref(named.key, named.values ?? values);
  switch (issue.code) {
    case 'invalid_type':
      // Parsed with `reportInput` (parseInput does), a wrong value carries its input; a missing one does not
      // (zod leaves `input` out for an absent key) or carries undefined.
      return ref(!('input' in issue) || issue.input === undefined ? 'errors.field.required' : 'errors.field.invalid');
    case 'too_big':
      return ref('errors.field.tooBig', values);
    case 'too_small':
      return ref('errors.field.tooSmall', values);
    case 'unrecognized_keys':
      return ref('errors.field.unknownFields', { fields: issue.keys.join(', ') });
    default:
      return ref('errors.field.invalid');
  }
}

/** Field path → reference, the first issue of each field (its most basic problem). */
export function zodFieldRefs(error: z.ZodError): Record<string, ErrorRef> {
  const fields: Record<string, ErrorRef> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '_'] ??= issueRef(issue);
  return fields;
}

/** Parses untrusted input with a module schema; failures become one INVALID error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw AppError.invalid(zodFieldRefs(result.error));
}
