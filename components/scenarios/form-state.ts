/** What a scenario server action answers to its form: translated messages, keyed by the field's path. */
export interface ScenarioActionState {
  status: 'idle' | 'error';
  /** Bumped on every answer, so a form can tell a new answer from the last one. */
  seq: number;
  message?: string;
  /** 'name', 'steps.2.delay.days', 'rules.maxDueCents'… → message in the reader's language. */
  fields?: Record<string, string>;
}

export const INITIAL_SCENARIO_STATE: ScenarioActionState = { status: 'idle', seq: 0 };
