// What a rate form's server action answers; no dependencies, so the client form can use it.

export interface RateFormState {
  status: 'idle' | 'saved' | 'error';
  /** Bumps on every answer, so the inputs take the answer's values. */
  seq: number;
  /** Field → catalogue key of what is wrong with it. */
  errors: Record<string, string>;
  /** What to show in the inputs: as typed after a refusal, empty after a save. */
  values: Record<string, string>;
}

export const IDLE_RATE_FORM: RateFormState = { status: 'idle', seq: 0, errors: {}, values: {} };
