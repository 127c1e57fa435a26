import { z } from 'zod';

// The building blocks of every input schema (lib/<module>/schemas.ts). Forms post every field as a string and
// an empty field as ''; API bodies may send numbers, booleans or null. Blank means "not given" in both.

export const FIELD_MESSAGES = { required: 'required' } as const;

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

/** A checkbox posts 'on' (or nothing); JSON sends a boolean. */
export const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.null()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');
