import { z } from 'zod';
import { parseAmountToCents } from '../money/parse-amount';

// The building blocks of every input schema (lib/<module>/schemas.ts). Forms post every field as a string and
// an empty field as ''; API bodies may send numbers, booleans or null. Blank means "not given" in both.

export const FIELD_MESSAGES = { required: 'errors.field.required' } as const;

/** '' , '   ' and null → undefined: the field was left empty. */
export const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

/** A field that must be filled in: blank reads as missing. */
export const given = <S extends z.ZodType>(schema: S) => z.preprocess(blank, schema);

/** A field that may be left empty: blank reads as undefined. */
export const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blank, schema.optional());

/** Missing earns "required", a wrong value its own message. */
export const orRequired = (message: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? FIELD_MESSAGES.required : message;

/** Text that must be given, trimmed, at most `max` characters; `message` for anything else. */
export const requiredText = (max: number, message: string) =>
  given(
    z
      .string({ error: orRequired(message) })
      .trim()
      .min(1, message)
      .max(max, message),
  );

export const BOOLEAN_MESSAGE = 'errors.field.boolean';

/** true/false from JSON, or a form's 'on', 'true', 'yes', '1' / 'off', 'false', 'no', '0'; blank is undefined. */
export const bool = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (s === '') return undefined;
    if (s === 'true' || s === 'on' || s === '1' || s === 'yes') return true;
    if (s === 'false' || s === 'off' || s === '0' || s === 'no') return false;
    return v;
  },
  z.boolean({ error: BOOLEAN_MESSAGE }).optional(),
);

/**
 * Money as either form of input: a JSON number is whole cents (15000), text is euros the way people
 * write them (150 · 1 234,56 · 1.234,56 €). `min` is the smallest number of cents accepted.
 */
export const money = (message: string, min: number) =>
  z.union([z.number(), z.string()], { error: orRequired(message) }).transform((v, ctx) => {
    const cents = typeof v === 'number' ? (Number.isSafeInteger(v) ? v : null) : parseAmountToCents(v);
    if (cents === null || cents < min) ctx.addIssue({ code: 'custom', message });
    return cents ?? 0;
  });
