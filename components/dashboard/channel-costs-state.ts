// What the unit-costs form's server action answers; no dependencies, so the client form can use it.

export interface ChannelCostsFormState {
  status: 'idle' | 'saved' | 'error';
  /** Bumps on every answer, so the inputs take the answer's values. */
  seq: number;
  /** Fields refused (their amount could not be read). */
  invalid: string[];
  /** The amounts to show, as typed (after a refusal) or as saved. */
  values: Record<string, string>;
}

/** Cents as the amount a person would type back into the form: 150 → "1,50" (fr) or "1.50" (en). */
export function centsToInput(cents: number, locale: 'fr' | 'en'): string {
  const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return locale === 'fr' ? text.replace('.', ',') : text;
}
