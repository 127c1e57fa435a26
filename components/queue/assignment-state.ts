// Shapes the assignment screen's server actions answer with; no dependencies, so client components use them.

export interface AssignFormState {
  status: 'idle' | 'saved' | 'error';
  /** Bumps on every answer, so the form can reset after a success. */
  seq: number;
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}

export const INITIAL_ASSIGN_STATE: AssignFormState = { status: 'idle', seq: 0 };

export interface RebalanceView {
  /** Each staff member's load before and after, already formatted. */
  loads: { name: string; before: string; after: string; filesBefore: number; filesAfter: number }[];
  moves: { reference: string; from: string; to: string; amount: string }[];
  total: number;
}

export interface RebalanceFormState {
  status: 'idle' | 'preview' | 'applied' | 'error';
  seq: number;
  message?: string;
  agentIds: string[];
  view?: RebalanceView;
}

export const INITIAL_REBALANCE_STATE: RebalanceFormState = { status: 'idle', seq: 0, agentIds: [] };
