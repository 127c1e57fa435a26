import type { MANDATE_FORM_FIELDS } from '@/lib/creditors/schemas';

export type MandateFormField = (typeof MANDATE_FORM_FIELDS)[number];
export type MandateFormValues = Partial<Record<MandateFormField, string>>;

/** What a mandate server action answers to its form: translated messages and the values to show again. */
export interface MandateFormState {
  status: 'idle' | 'saved' | 'error';
  /** Bumped on every answer, so the form remounts with `values` as its defaults. */
  seq: number;
  message?: string;
  fields?: Partial<Record<MandateFormField, string>>;
  values?: MandateFormValues;
}

export const INITIAL_MANDATE_FORM_STATE: MandateFormState = { status: 'idle', seq: 0 };
