import { STATUS_PHASE } from '../cases/rules';
import type { FilePhase, FileStatus } from '../db/generated/enums';
import {
  AGE_BANDS,
  AGING_BUCKETS,
  cohortCurves,
  stepCost,
  costPer100,
  monthOf,
  monthRange,
  periodsIn,
  promiseKeptRate,
  recoveryRate,
  targetAttainment,
  targetOverSpan,
  type ChannelCosts,
  type CohortCurve,
  type Grain,
  type TargetMetricKind,
  type TargetRow,
} from './rules';
import type { Breakdown, DashboardFilters } from './schemas';
import type { GroupColumn, ReportSource, Row, Slice } from './source';

// Assembles the dashboard from a ReportSource: the same code whether the rows come from the summary tables
// or from the raw tables, so both can be compared number for number.

export interface Money {
  files: number;
  claims: number;
  placedCents: number;
  recoveredCents: number;
  collectedCents: number;
  rate: number | null;
}

export interface MonthRow extends Money {
  month: string;
}

export interface BreakdownRow extends Money {
  key: string;
  label: string;
}

export interface CollectionRow {
  month: string;
  recoveredCents: number;
  collectedCents: number;
}

export interface AgingRow {
  bucket: string;
  claims: number;
  outstandingCents: number;
}

export interface StatusRow {
  status: FileStatus;
  phase: FilePhase;
  files: number;
  placedCents: number;
  recoveredCents: number;
}

export interface ActivityMetrics {
  calls: number;
  letters: number;
  emails: number;
  promisesMade: number;
  promisesKept: number;
  promisesBroken: number;
  collectedCents: number;
}

export type TargetedMetric = TargetMetricKind;
export const TARGETED: Record<TargetedMetric, keyof ActivityMetrics> = {
  CALLS: 'calls',
  LETTERS: 'letters',
  PROMISES_MADE: 'promisesMade',
  PROMISES_KEPT: 'promisesKept',
  COLLECTED: 'collectedCents',
};

export interface AgentPeriod {
  period: string;
  metrics: ActivityMetrics;
  targets: Partial<Record<TargetedMetric, number | null>>;
}

export interface AgentActivity {
  agentId: string;
  name: string;
  totals: ActivityMetrics;
  promiseKeptRate: number | null;
  targets: Record<TargetedMetric, number | null>;
  attainment: Record<TargetedMetric, number | null>;
}

export interface ScenarioStep {
  stepIndex: number;
  channel: string;
  files: number;
  executed: number;
  skipped: number;
  failed: number;
  /** The channel's unit cost in force when the dashboard was read. */
  unitCostCents: number;
  costCents: number;
  recoveredCents: number;
  /** Cents it cost to recover €100 (rules.ts costPer100). */
  costPer100: number | null;
}

export interface ScenarioVersionRow {
  versionId: string;
  name: string;
  version: number;
  files: number;
  placedCents: number;
  recoveredCents: number;
  rate: number | null;
  /** Files whose first step is VERSION_HORIZON_DAYS old, and what came back within that many days of it. */
  matureFiles: number;
  maturePlacedCents: number;
  matureRecoveredCents: number;
  matureRate: number | null;
  costCents: number;
  costPer100: number | null;
  steps: ScenarioStep[];
}

export interface Dashboard {
  filters: DashboardFilters;
  totals: Money;
  months: MonthRow[];
  breakdown: { by: Breakdown; rows: BreakdownRow[] };
  cohorts: CohortCurve[];
  collections: CollectionRow[];
  aging: { asOf: string; rows: AgingRow[]; claims: number; outstandingCents: number };
  statuses: StatusRow[];
  /** Per agent over the span, and the shown agents together per period against the sum of their targets. */
  agents: { grain: Grain; periods: AgentPeriod[]; rows: AgentActivity[] } | null;
  scenarios: ScenarioVersionRow[] | null;
  /** The unit costs the scenario figures were priced with (null on the creditor portal). */
  channelCosts: ChannelCosts | null;
}

/** Names for ids, and what the agent section needs, read once by the caller. */
export interface DashboardMeta {
  /** The agency's day: the last month of the cohort curves. */
  today: string;
  creditors: Map<string, string>;
  mandates: Map<string, string>;
  staff: { id: string; name: string; role: string }[];
  targets: Map<string, Map<TargetedMetric, TargetRow[]>>;
  scenarioVersions: Map<string, { name: string; version: number }>;
  /** The agency's unit cost per channel (its own, else the defaults). */
  channelCosts: ChannelCosts;
  /** Creditor users see their portfolio only: no agents, no scenarios. */
  portal: boolean;
}

const MONEY_COLUMNS = ['files', 'claims', 'placed_cents', 'recovered_cents', 'collected_cents'];

function money(row: Row | undefined): Money {
  const placedCents = Number(row?.placed_cents ?? 0);
  const recoveredCents = Number(row?.recovered_cents ?? 0);
  return {
    files: Number(row?.files ?? 0),
    claims: Number(row?.claims ?? 0),
    placedCents,
    recoveredCents,
    collectedCents: Number(row?.collected_cents ?? 0),
    rate: recoveryRate(recoveredCents, placedCents),
  };
}

/** The slice of the placement facts the filters select. */
export function sliceOf(f: DashboardFilters): Slice {
  const statuses = f.status
    ? [f.status]
    : f.phase
      ? (Object.keys(STATUS_PHASE) as FileStatus[]).filter((s) => STATUS_PHASE[s] === f.phase)
      : undefined;
  return {
    fromMonth: monthOf(f.from),
    toMonth: monthOf(f.to),
    creditorId: f.creditorId,
    mandateId: f.mandateId,
    agentId: f.agentId,
    statuses,
    ageBand: f.ageBand ? AGE_BANDS.findIndex((b) => b.key === f.ageBand) : undefined,
  };
}

const BREAKDOWN_COLUMN: Record<Breakdown, GroupColumn> = {
  creditor: 'creditor_id',
  portfolio: 'mandate_id',
  agent: 'agent_id',
  phase: 'status',
  ageBand: 'age_band',
};

const EMPTY_METRICS: ActivityMetrics = {
  calls: 0,
  letters: 0,
  emails: 0,
  promisesMade: 0,
  promisesKept: 0,
  promisesBroken: 0,
  collectedCents: 0,
};

function metricsOf(row: Row): ActivityMetrics {
  return {
    calls: Number(row.calls ?? 0),
    letters: Number(row.letters ?? 0),
    emails: Number(row.emails ?? 0),
    promisesMade: Number(row.promises_made ?? 0),
    promisesKept: Number(row.promises_kept ?? 0),
    promisesBroken: Number(row.promises_broken ?? 0),
    collectedCents: Number(row.collected_cents ?? 0),
  };
}

export async function computeDashboard(
  source: ReportSource,
  f: DashboardFilters,
  meta: DashboardMeta,
): Promise<Dashboard> {
  const slice = sliceOf(f);
  const months = monthRange(f.from, f.to);

  const [totalsRows, monthRows, breakdownRows, statusRows] = [
    await source.placement(slice, []),
    await source.placement(slice, ['placed_month']),
    await source.placement(slice, f.by === 'portfolio' ? ['creditor_id', 'mandate_id'] : [BREAKDOWN_COLUMN[f.by]]),
    await source.placement(slice, ['status']),
  ];
  const byMonth = new Map(monthRows.map((r) => [String(r.placed_month), r]));

  const breakdownRowsOut: BreakdownRow[] = aggregateBreakdown(f.by, breakdownRows, meta);
  const curveRows = await source.recovery(slice, ['placed_month', 'paid_month']);
  const collectionsSlice: Slice = {
    ...slice,
    fromMonth: undefined,
    toMonth: undefined,
    paidFromMonth: slice.fromMonth,
    paidToMonth: slice.toMonth,
  };
  const collectionRows = await source.recovery(collectionsSlice, ['paid_month']);
  const byPaid = new Map(collectionRows.map((r) => [String(r.paid_month), r]));
  const agingSlice: Slice = {
    creditorId: slice.creditorId,
    mandateId: slice.mandateId,
    agentId: slice.agentId,
    statuses: slice.statuses,
  };
  const agingRows = await source.aging(agingSlice, ['bucket']);
  const byBucket = new Map(agingRows.map((r) => [Number(r.bucket), r]));
  const asOf = await source.agingAsOf();

  const cohorts = cohortCurves(
    {
      placed: months
        .map((m) => ({ placedMonth: m, placedCents: Number(byMonth.get(m)?.placed_cents ?? 0) }))
        .filter((m) => m.placedCents > 0),
      recovered: curveRows.map((r) => ({
        placedMonth: String(r.placed_month),
        paidMonth: String(r.paid_month),
        recoveredCents: Number(r.recovered_cents),
      })),
    },
    monthOf(meta.today),
  );

  const aging = AGING_BUCKETS.map((b, i) => ({
    bucket: b.key,
    claims: Number(byBucket.get(i)?.claims ?? 0),
    outstandingCents: Number(byBucket.get(i)?.outstanding_cents ?? 0),
  }));

  return {
    filters: f,
    totals: money(totalsRows[0]),
    months: months.map((m) => ({ month: m, ...money(byMonth.get(m)) })),
    breakdown: { by: f.by, rows: breakdownRowsOut },
    cohorts,
    collections: months.map((m) => ({
      month: m,
      recoveredCents: Number(byPaid.get(m)?.recovered_cents ?? 0),
      collectedCents: Number(byPaid.get(m)?.collected_cents ?? 0),
    })),
    aging: {
      asOf,
      rows: aging,
      claims: aging.reduce((s, r) => s + r.claims, 0),
      outstandingCents: aging.reduce((s, r) => s + r.outstandingCents, 0),
    },
    statuses: statusRows
      .map((r) => ({
        status: String(r.status) as FileStatus,
        phase: STATUS_PHASE[String(r.status) as FileStatus],
        files: Number(r.files),
        placedCents: Number(r.placed_cents),
        recoveredCents: Number(r.recovered_cents),
      }))
      .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)),
    agents: meta.portal ? null : await agentActivity(source, f, meta),
    scenarios: meta.portal ? null : await scenarioEffectiveness(source, f, meta),
    channelCosts: meta.portal ? null : meta.channelCosts,
  };
}

const STATUS_ORDER = Object.keys(STATUS_PHASE) as FileStatus[];

function aggregateBreakdown(by: Breakdown, rows: Row[], meta: DashboardMeta): BreakdownRow[] {
  const keyOf = (r: Row): string => {
    switch (by) {
      case 'creditor':
        return String(r.creditor_id);
      case 'portfolio':
        return String(r.mandate_id);
      case 'agent':
        return String(r.agent_id);
      case 'phase':
        return STATUS_PHASE[String(r.status) as FileStatus];
      case 'ageBand':
        return AGE_BANDS[Number(r.age_band)]?.key ?? String(r.age_band);
    }
  };
  const sums = new Map<string, Row>();
  for (const r of rows) {
    const key = keyOf(r);
    const acc = sums.get(key) ?? Object.fromEntries(MONEY_COLUMNS.map((c) => [c, 0]));
    for (const c of MONEY_COLUMNS) acc[c] = Number(acc[c]) + Number(r[c] ?? 0);
    sums.set(key, acc);
  }
  const staffName = new Map(meta.staff.map((s) => [s.id, s.name]));
  const label = (key: string): string => {
    if (by === 'creditor') return meta.creditors.get(key) ?? key;
    if (by === 'portfolio') return meta.mandates.get(key) ?? key;
    if (by === 'agent') return staffName.get(key) ?? '';
    return key;
  };
  const order = (key: string): number => {
    if (by === 'phase') return ['INTAKE', 'AMICABLE', 'JUDICIAL', 'CLOSED'].indexOf(key);
    if (by === 'ageBand') return AGE_BANDS.findIndex((b) => b.key === key);
    return 0;
  };
  return [...sums.entries()]
    .map(([key, r]) => ({ key, label: label(key), ...money(r) }))
    .sort((a, b) => order(a.key) - order(b.key) || b.placedCents - a.placedCents || a.key.localeCompare(b.key));
}

const isZero = (m: ActivityMetrics) => Object.values(m).every((v) => v === 0);

async function agentActivity(source: ReportSource, f: DashboardFilters, meta: DashboardMeta) {
  const slice = { from: f.from, to: f.to, agentId: f.agentId, grain: f.grain };
  const perAgent = await source.activity({ ...slice, by: 'agent' });
  const perPeriod = await source.activity({ ...slice, by: 'period' });
  const byAgent = new Map(
    perAgent.map((r) => [String(r.agent_id), metricsOf(r)] as const).filter(([, m]) => !isZero(m)),
  );
  // Every agent, and anyone else with activity in the period (a manager who recorded payments).
  const people = meta.staff.filter((s) => (f.agentId ? s.id === f.agentId : s.role === 'AGENT' || byAgent.has(s.id)));
  const metrics = Object.keys(TARGETED) as TargetedMetric[];
  const targetOf = (agentId: string, m: TargetedMetric, from: string, to: string): number | null => {
    const rows = meta.targets.get(agentId)?.get(m);
    return rows ? targetOverSpan(rows, from, to) : null;
  };
  const rows: AgentActivity[] = people.map((person) => {
    const totals = byAgent.get(person.id) ?? EMPTY_METRICS;
    const targets = Object.fromEntries(metrics.map((m) => [m, targetOf(person.id, m, f.from, f.to)])) as Record<
      TargetedMetric,
      number | null
    >;
    return {
      agentId: person.id,
      name: person.name,
      totals,
      promiseKeptRate: promiseKeptRate(totals.promisesKept, totals.promisesBroken),
      targets,
      attainment: Object.fromEntries(
        metrics.map((m) => [m, targetAttainment(totals[TARGETED[m]], targets[m])]),
      ) as Record<TargetedMetric, number | null>,
    };
  });
  rows.sort((a, b) => b.totals.collectedCents - a.totals.collectedCents || a.name.localeCompare(b.name));
  const byPeriod = new Map(perPeriod.map((r) => [String(r.period), metricsOf(r)]));
  const periods: AgentPeriod[] = periodsIn(f.from, f.to, f.grain).map((p) => ({
    period: p.start,
    metrics: byPeriod.get(p.start) ?? EMPTY_METRICS,
    targets: Object.fromEntries(
      metrics.map((m) => {
        const each = people
          .map((person) => targetOf(person.id, m, p.from, p.to))
          .filter((t): t is number => t !== null);
        return [m, each.length ? each.reduce((a, b) => a + b, 0) : null];
      }),
    ),
  }));
  return { grain: f.grain, periods, rows };
}

async function scenarioEffectiveness(
  source: ReportSource,
  f: DashboardFilters,
  meta: DashboardMeta,
): Promise<ScenarioVersionRow[]> {
  const rows = await source.scenarios({ creditorId: f.creditorId });
  const versions = new Map<string, ScenarioVersionRow>();
  for (const r of rows) {
    const id = String(r.scenario_version_id);
    const info = meta.scenarioVersions.get(id);
    const v = versions.get(id) ?? {
      versionId: id,
      name: info?.name ?? id,
      version: info?.version ?? 0,
      files: 0,
      placedCents: 0,
      recoveredCents: 0,
      rate: null,
      matureFiles: 0,
      maturePlacedCents: 0,
      matureRecoveredCents: 0,
      matureRate: null,
      costCents: 0,
      costPer100: null,
      steps: [],
    };
    if (Number(r.step_index) < 0) {
      v.files += Number(r.files);
      v.placedCents += Number(r.placed_cents);
      v.recoveredCents += Number(r.recovered_cents);
      v.matureFiles += Number(r.mature_files);
      v.maturePlacedCents += Number(r.mature_placed_cents);
      v.matureRecoveredCents += Number(r.mature_recovered_cents);
    } else {
      const channel = String(r.channel);
      const executed = Number(r.executed);
      const cost = stepCost(channel, executed, meta.channelCosts);
      v.costCents += cost;
      v.steps.push({
        stepIndex: Number(r.step_index),
        channel,
        files: Number(r.files),
        executed,
        skipped: Number(r.skipped),
        failed: Number(r.failed),
        unitCostCents: stepCost(channel, 1, meta.channelCosts),
        costCents: cost,
        recoveredCents: Number(r.recovered_cents),
        costPer100: costPer100(cost, Number(r.recovered_cents)),
      });
    }
    versions.set(id, v);
  }
  return [...versions.values()]
    .map((v) => ({
      ...v,
      rate: recoveryRate(v.recoveredCents, v.placedCents),
      matureRate: recoveryRate(v.matureRecoveredCents, v.maturePlacedCents),
      costPer100: costPer100(v.costCents, v.recoveredCents),
      steps: v.steps.sort((a, b) => a.stepIndex - b.stepIndex || a.channel.localeCompare(b.channel)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
}
