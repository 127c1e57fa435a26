/**
 * A module's error messages as catalogue keys: `catalogueKeys('payments.errors', ['amount'])` →
 * `{ amount: 'payments.errors.amount' }`. Schemas give these as zod messages and use-cases throw them; the
 * mapper (./describe) renders them. tests/unit/error-mapper.test.ts checks every key is in both catalogues.
 */
export function catalogueKeys<const N extends string>(prefix: string, names: readonly N[]): { [K in N]: string } {
  // "Required." is one message app-wide, the one lib/forms/fields gives a missing field.
  return Object.fromEntries(names.map((n) => [n, n === 'required' ? 'errors.field.required' : `${prefix}.${n}`])) as {
    [K in N]: string;
  };
}

/**
 * A key with values as one string, for a zod message (a zod message is text): `key|{"max":200}`. Only
 * ./zod reads it back, into a reference; nothing else should build or parse it.
 */
export function keyWith(key: string, values: Record<string, string | number>): string {
  return `${key}|${JSON.stringify(values)}`;
}

/** The reference a zod message names: a catalogue key, with the values keyWith put beside it. */
export function readKey(message: string): { key: string; values?: Record<string, string | number> } | null {
  const bar = message.indexOf('|');
  const key = bar < 0 ? message : message.slice(0, bar);
  if (!/^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/.test(key)) return null;
  if (bar < 0) return { key };
  return { key, values: JSON.parse(message.slice(bar + 1)) as Record<string, string | number> };
}
