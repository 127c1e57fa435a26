import { z } from 'zod';

// How each value of a timeline line is shown: the zod schema of a kind says it once, per field, and the one
// renderer (render.ts) formats the value in the reader's language from it. Stored values stay raw (cents, ISO
// days, enum codes), never words.

export type FieldFormat =
  | { as: 'money' }
  | { as: 'count' }
  /** 0-based step index stored, shown 1-based. */
  | { as: 'step' }
  | { as: 'day' }
  | { as: 'instant' }
  /** An enum code shown through a catalogue namespace (`<ns>.<CODE>`). */
  | { as: 'label'; ns: string }
  /** A list of enum codes shown through a catalogue namespace, joined the locale's way. */
  | { as: 'labels'; ns: string }
  /** A code the message itself selects on (`{via, select, …}`). */
  | { as: 'code' }
  | { as: 'flag' }
  /** What a person typed (a note, a reason) or a value such as a reference or a phone number: shown as is. */
  | { as: 'text' };

export const formats = z.registry<FieldFormat>();

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const f = {
  money: () => z.number().int().register(formats, { as: 'money' }),
  count: () => z.number().int().min(0).register(formats, { as: 'count' }),
  step: () => z.number().int().min(0).register(formats, { as: 'step' }),
  day: () => z.string().regex(ISO_DAY).register(formats, { as: 'day' }),
  instant: () => z.iso.datetime({ offset: true }).register(formats, { as: 'instant' }),
  label: <const T extends readonly [string, ...string[]]>(ns: string, values: T) =>
    z.enum(values).register(formats, { as: 'label', ns }),
  labels: <const T extends readonly [string, ...string[]]>(ns: string, values: T) =>
    z.array(z.enum(values)).register(formats, { as: 'labels', ns }),
  code: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values).register(formats, { as: 'code' }),
  flag: () => z.boolean().register(formats, { as: 'flag' }),
  text: (max = 2000) => z.string().max(max).register(formats, { as: 'text' }),
};

/** The format of a field, looking through optional/nullable wrappers. */
export function formatOf(schema: z.ZodType): FieldFormat {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  const found = formats.get(s);
  if (!found) throw new Error('timeline field without a format');
  return found;
}

export function isOptional(schema: z.ZodType): boolean {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodNullable;
}

/** The ICU argument a message uses to ask whether an optional field is there: note → hasNote. */
export function presenceArg(name: string): string {
  return `has${name[0]!.toUpperCase()}${name.slice(1)}`;
}
