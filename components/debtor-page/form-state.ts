/** What a form on the debtor's page shows after its server action answered: every message in the reader's language. */
export interface DebtorFormState {
  status: 'idle' | 'error' | 'done';
  /** The whole form's message (an error, or what was recorded). */
  message: string | null;
  fields: Record<string, string>;
  /** What the debtor typed, given back after a refusal so nothing has to be typed again. */
  values: Record<string, string>;
  seq: number;
}

export const IDLE_DEBTOR_FORM: DebtorFormState = { status: 'idle', message: null, fields: {}, values: {}, seq: 0 };
