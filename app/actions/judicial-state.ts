/** What a judicial server action answers its form: a message in the reader's language, field messages by name. */
export interface JudicialActionState {
  status: 'idle' | 'done' | 'error';
  /** Bumped on every answer, so a form tells a new answer from the last one. */
  seq: number;
  message?: string;
  fields?: Record<string, string>;
}

export const INITIAL_JUDICIAL_STATE: JudicialActionState = { status: 'idle', seq: 0 };
