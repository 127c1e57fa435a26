import { AGE_BANDS, AGING_BUCKETS, type Band } from './rules';

// The shape of the summary tables (prisma/migrations/20261125040000_reports): which dimensions each family
// of facts keeps, which combinations ("grains") are materialised, and how a query picks the smallest grain
// that answers it. Shared by the writer (summaries.ts) and the readers (queries.ts); no I/O.

/** A rolled-up uuid dimension, and "no agent" on a grain that keeps agents. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export type Dim = 'creditor' | 'agent' | 'status' | 'band';

interface DimSpec {
  bit: number;
  columns: readonly string[];
  neutral: readonly string[];
  /** Rough number of distinct values in a large agency, to rank grains by size. */
  weight: number;
}

export const DIMS: Record<Dim, DimSpec> = {
  // A creditor's mandates are its portfolios: they travel with the creditor.
  creditor: {
    bit: 1,
    columns: ['creditor_id', 'mandate_id'],
    neutral: [`'${NIL_UUID}'::uuid`, `'${NIL_UUID}'::uuid`],
    weight: 30,
  },
  agent: { bit: 2, columns: ['agent_id'], neutral: [`'${NIL_UUID}'::uuid`], weight: 40 },
  status: { bit: 4, columns: ['status'], neutral: [`''`], weight: 10 },
  band: { bit: 8, columns: ['age_band'], neutral: ['-1'], weight: 5 },
};

export interface Family {
  fact: string;
  snapshot: string;
  /** Optional dimensions, lowest bit first. */
  dims: readonly Dim[];
  /** Columns every row keeps besides the dimensions. */
  keys: readonly string[];
  measures: readonly string[];
  /** Materialised grains (bit masks over `dims`); queries needing more fall back to the snapshot. */
  grains: readonly number[];
}

function masks(dims: readonly Dim[], maxDims: number): number[] {
  const all = dims.reduce((m, d) => m | DIMS[d].bit, 0);
  const out: number[] = [];
  for (let m = 0; m <= all; m++) {
    if ((m & all) !== m) continue;
    let n = 0;
    for (let b = m; b; b &= b - 1) n++;
    if (n <= maxDims) out.push(m);
  }
  return out;
}

const PLACEMENT_DIMS: Dim[] = ['creditor', 'agent', 'status', 'band'];

export const PLACEMENT: Family = {
  fact: 'placement_fact',
  snapshot: 'report_file_placement',
  dims: PLACEMENT_DIMS,
  keys: ['placed_month'],
  measures: ['files', 'claims', 'placed_cents', 'recovered_cents', 'collected_cents'],
  // Any two dimensions at once: 11 grains, the largest (creditor × agent × month) a few tens of thousands of rows.
  grains: masks(PLACEMENT_DIMS, 2),
};

export const RECOVERY: Family = {
  fact: 'recovery_fact',
  snapshot: 'report_file_recovery',
  dims: PLACEMENT_DIMS,
  keys: ['placed_month', 'paid_month'],
  measures: ['recovered_cents', 'collected_cents'],
  // Month × month already multiplies rows by the curve length: one dimension at a time.
  grains: masks(PLACEMENT_DIMS, 1),
};

const AGING_DIMS: Dim[] = ['creditor', 'agent', 'status'];

export const AGING: Family = {
  fact: 'aging_fact',
  snapshot: 'report_file_aging',
  dims: AGING_DIMS,
  keys: ['bucket'],
  measures: ['claims', 'outstanding_cents'],
  grains: masks(AGING_DIMS, 3),
};

export const GRAINED_FAMILIES: readonly Family[] = [PLACEMENT, RECOVERY, AGING];

/** Facts without grains: one row per key. */
export interface FlatFamily {
  fact: string;
  snapshot: string;
  keys: readonly string[];
  measures: readonly string[];
}

export const ACTIVITY: FlatFamily = {
  fact: 'agent_activity_daily',
  snapshot: 'report_file_activity',
  keys: ['agent_id', 'day'],
  measures: ['calls', 'letters', 'emails', 'promises_made', 'promises_kept', 'promises_broken', 'collected_cents'],
};

export const SCENARIO: FlatFamily = {
  fact: 'scenario_fact',
  snapshot: 'report_file_scenario',
  keys: ['creditor_id', 'scenario_version_id', 'step_index', 'channel'],
  // Counts, not costs: the steps are priced when read, at the agency's current unit costs.
  measures: [
    'files',
    'executed',
    'skipped',
    'failed',
    'placed_cents',
    'recovered_cents',
    // Version rows only: the files whose first step is VERSION_HORIZON_DAYS old, and their first 90 days.
    'mature_files',
    'mature_placed_cents',
    'mature_recovered_cents',
  ],
};

/** The judicial pipeline (issue 16): procedures by creditor, route, last step and outcome. */
export const JUDICIAL: FlatFamily = {
  fact: 'judicial_fact',
  snapshot: 'report_file_judicial',
  keys: ['creditor_id', 'route', 'stage', 'outcome'],
  measures: [
    'procedures',
    'titled',
    // Summed: divided by `titled` when read, the average time to title.
    'days_to_title',
    // The route's typical costs (lib/judicial/catalogue.ts) until cost records exist.
    'costs_cents',
    // Money imputed on the file from the procedure's start to its end.
    'collected_cents',
    // Open deadlines of running procedures, as of the summaries' day: due within the alert window, or lapsed.
    'deadlines_at_risk',
    'deadlines_lapsed',
  ],
};

/** Closing reasons (issue 16): decided closings by creditor, month of the decision (agency calendar) and reason. */
export const CLOSING: FlatFamily = {
  fact: 'closing_fact',
  snapshot: 'report_file_closing',
  keys: ['creditor_id', 'month', 'reason'],
  measures: ['closings'],
};

export const FLAT_FAMILIES: readonly FlatFamily[] = [ACTIVITY, SCENARIO, JUDICIAL, CLOSING];

export function maskOf(dims: Iterable<Dim>): number {
  let m = 0;
  for (const d of dims) m |= DIMS[d].bit;
  return m;
}

/**
 * The smallest materialised grain keeping every dimension in `need`, or null when none does (the query then
 * reads the per-file snapshot).
 */
export function chooseGrain(family: Family, need: Iterable<Dim>): number | null {
  const mask = maskOf(need);
  let best: number | null = null;
  let bestSize = Infinity;
  for (const g of family.grains) {
    if ((g & mask) !== mask) continue;
    const size = family.dims.reduce((s, d) => (g & DIMS[d].bit ? s * DIMS[d].weight : s), 1);
    if (size < bestSize) {
      best = g;
      bestSize = size;
    }
  }
  return best;
}

export function dimColumns(family: Family): string[] {
  return family.dims.flatMap((d) => DIMS[d].columns);
}

/** Fact columns in table order (after tenant_id and grain). */
export function factColumns(family: Family): string[] {
  return [...dimColumns(family), ...family.keys, ...family.measures];
}

// ------------------------------------------------------------------------------------------- SQL pieces

/** `CASE WHEN x <= 90 THEN 0 … ELSE n END`, from the same bands the pure rules use. */
export function bandCase(bands: readonly Band[], daysExpr: string): string {
  const whens = bands
    .map((b, i) => (b.maxDays === null ? null : `WHEN ${daysExpr} <= ${b.maxDays} THEN ${i}`))
    .filter(Boolean)
    .join(' ');
  return `(CASE ${whens} ELSE ${bands.length - 1} END)`;
}

export const ageBandCase = (daysExpr: string) => bandCase(AGE_BANDS, daysExpr);
export const agingBucketCase = (daysExpr: string) => bandCase(AGING_BUCKETS, daysExpr);

/** A constant as an SQL string literal (values come from code, never from a request). */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlList(values: readonly string[]): string {
  return `(${values.map(sqlText).join(', ')})`;
}

/** GROUPING SETS over the family's grains, each keeping its dimensions plus the family's keys. */
export function groupingSets(family: Family): string {
  const sets = family.grains.map((g) => {
    const cols = [...family.dims.filter((d) => g & DIMS[d].bit).flatMap((d) => DIMS[d].columns), ...family.keys];
    return `(${cols.join(', ')})`;
  });
  return `GROUPING SETS (${sets.join(', ')})`;
}

/** The grain of a grouping-set row: the full mask less the bits GROUPING() reports rolled up. */
export function grainExpression(family: Family): string {
  const full = maskOf(family.dims);
  // GROUPING(a, b, c) puts its last argument in bit 0: list the dimensions highest bit first.
  const args = [...family.dims].reverse().map((d) => DIMS[d].columns[0]!);
  return `(${full} - GROUPING(${args.join(', ')}))`;
}

/** Dimension columns of a grouping-set row with rolled-up ones set to their neutral value. */
export function neutralisedDims(family: Family): string[] {
  return family.dims.flatMap((d) => DIMS[d].columns.map((c, i) => `coalesce(${c}, ${DIMS[d].neutral[i]})`));
}

export function nonZero(measures: readonly string[], expr = (m: string) => `sum(${m})`): string {
  return `(${measures.map((m) => `${expr(m)} <> 0`).join(' OR ')})`;
}
