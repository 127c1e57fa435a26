import type pg from 'pg';
import type { Grain } from './rules';

// What the dashboard is computed from: the summary tables (queries.ts) or, to check them and to measure
// them, the raw tables (direct.ts). Both answer the same questions with rows of the same shape, and the
// dashboard is assembled from those rows by the same code, so the two can be compared number for number.

export type GroupColumn =
  'creditor_id' | 'mandate_id' | 'agent_id' | 'status' | 'age_band' | 'placed_month' | 'paid_month' | 'bucket';

export interface Slice {
  /** Months of placement, 'YYYY-MM-01', inclusive. */
  fromMonth?: string;
  toMonth?: string;
  /** Months money was received, inclusive (collections per month). */
  paidFromMonth?: string;
  paidToMonth?: string;
  creditorId?: string;
  mandateId?: string;
  agentId?: string;
  statuses?: readonly string[];
  ageBand?: number;
}

export type Row = Record<string, string | number>;

export interface ActivitySlice {
  from: string;
  to: string;
  agentId?: string;
  grain: Grain;
  /** Per agent over the whole span, per period (start day of the grain's period) over the agents, or both. */
  by: 'agent' | 'period' | 'agentPeriod';
}

export interface ReportSource {
  /** files, claims, placed_cents, recovered_cents, collected_cents by `groupBy`. */
  placement(slice: Slice, groupBy: readonly GroupColumn[]): Promise<Row[]>;
  /** recovered_cents, collected_cents by `groupBy`. */
  recovery(slice: Slice, groupBy: readonly GroupColumn[]): Promise<Row[]>;
  /** claims, outstanding_cents by `groupBy` on the aging day. */
  aging(slice: Slice, groupBy: readonly GroupColumn[]): Promise<Row[]>;
  /** The day aging is computed for. */
  agingAsOf(): Promise<string>;
  /** Activity metrics by agent_id, or by period. */
  activity(slice: ActivitySlice): Promise<Row[]>;
  /** Scenario rows by scenario_version_id, step_index, channel. */
  scenarios(slice: { creditorId?: string }): Promise<Row[]>;
}

export type SqlClient = Pick<pg.PoolClient, 'query'>;

/** Sums come back from PostgreSQL as text (bigint, numeric): numbers are safe up to 2^53 cents. */
export function numeric(row: pg.QueryResultRow, keys: readonly string[]): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = keys.includes(k) ? Number(v ?? 0) : (v as string | number);
  return out;
}
