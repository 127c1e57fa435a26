import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { stepTemplateErrors } from './template-check';

/**
 * Parses a scenario draft with its schema and, in the same pass, checks every template's placeholders, so the
 * form shows all problems at once; the schema's message wins where both speak about one field.
 */
export function parseDraft<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const steps = typeof input === 'object' && input !== null ? (input as { steps?: unknown }).steps : undefined;
  const templates = Array.isArray(steps) ? stepTemplateErrors(steps) : {};
  let parsed: z.infer<S>;
  try {
    parsed = parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID' && Object.keys(templates).length > 0) {
      throw AppError.invalid({ ...templates, ...error.fieldRefs });
    }
    throw error;
  }
  if (Object.keys(templates).length > 0) throw AppError.invalid(templates);
  return parsed;
}
