import { agencyToday } from '../dates/agency-clock';
import { inTenantRaw, pgTx } from '../db/raw';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { AGING, PLACEMENT, RECOVERY, SCENARIO, chooseGrain, type Dim, type Family } from './cube';
import { computeDashboard, type Dashboard, type DashboardMeta, type TargetedMetric } from './dashboard-data';
import { channelCosts, type TargetRow } from './rules';
import { REPORT_MESSAGES as M, dashboardFilterSchema, type DashboardFilters } from './schemas';
import {
  numeric,
  type ActivitySlice,
  type GroupColumn,
  type ReportSource,
  type Row,
  type Slice,
  type SqlClient,
} from './source';

// Dashboard reads. Figures come from the summary tables only (placement_fact, recovery_fact, aging_fact,
// agent_activity_daily, scenario_fact, or the per-file report_file_* rows for rare filter mixes); the raw
// tables are read for names and ids (creditors, portfolios, staff, scenario versions), never summed.

const COLUMN_DIM: Partial<Record<GroupColumn, Dim>> = {
  creditor_id: 'creditor',
  mandate_id: 'creditor',
  agent_id: 'agent',
  status: 'status',
  age_band: 'band',
};

const MEASURES: Record<string, readonly string[]> = {
  [PLACEMENT.fact]: PLACEMENT.measures,
  [RECOVERY.fact]: RECOVERY.measures,
  [AGING.fact]: AGING.measures,
};

/** The WHERE clauses of a slice, for the family's columns (dimensions it lacks are not filters there). */
function sliceWhere(family: Family, slice: Slice, params: unknown[]): { clauses: string[]; dims: Dim[] } {
  const clauses: string[] = [];
  const dims: Dim[] = [];
  const has = (d: Dim) => family.dims.includes(d);
  const add = (clause: (n: number) => string, value: unknown, dim?: Dim) => {
    params.push(value);
    clauses.push(clause(params.length));
    if (dim) dims.push(dim);
  };
  if (slice.creditorId) add((n) => `creditor_id = $${n}::uuid`, slice.creditorId, 'creditor');
  if (slice.mandateId) add((n) => `mandate_id = $${n}::uuid`, slice.mandateId, 'creditor');
  if (slice.agentId && has('agent')) add((n) => `agent_id = $${n}::uuid`, slice.agentId, 'agent');
  if (slice.statuses && has('status')) add((n) => `status = ANY($${n}::text[])`, slice.statuses, 'status');
  if (slice.ageBand !== undefined && has('band')) add((n) => `age_band = $${n}`, slice.ageBand, 'band');
  const keys = family.keys;
  if (keys.includes('placed_month') && slice.fromMonth) add((n) => `placed_month >= $${n}::date`, slice.fromMonth);
  if (keys.includes('placed_month') && slice.toMonth) add((n) => `placed_month <= $${n}::date`, slice.toMonth);
  if (keys.includes('paid_month') && slice.paidFromMonth) add((n) => `paid_month >= $${n}::date`, slice.paidFromMonth);
  if (keys.includes('paid_month') && slice.paidToMonth) add((n) => `paid_month <= $${n}::date`, slice.paidToMonth);
  return { clauses, dims };
}

const asText = (c: GroupColumn) => (c.endsWith('_month') ? `${c}::text AS ${c}` : c);

/** Sums a family over the smallest grain that keeps the filtered and grouped dimensions. */
async function readFamily(
  client: SqlClient,
  tenantId: string,
  family: Family,
  slice: Slice,
  groupBy: readonly GroupColumn[],
): Promise<Row[]> {
  const params: unknown[] = [tenantId];
  const { clauses, dims } = sliceWhere(family, slice, params);
  const need = new Set<Dim>([...dims, ...groupBy.flatMap((c) => (COLUMN_DIM[c] ? [COLUMN_DIM[c]!] : []))]);
  const grain = chooseGrain(family, need);
  const table = grain === null ? family.snapshot : family.fact;
  const where = ['tenant_id = $1', ...(grain === null ? [] : [`grain = ${grain}`]), ...clauses];
  const measures = MEASURES[family.fact]!;
  const select = [...groupBy.map(asText), ...measures.map((m) => `sum(${m}) AS ${m}`)];
  const { rows } = await client.query(
    `SELECT ${select.join(', ')} FROM ${table} WHERE ${where.join(' AND ')}
      ${groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : ''}`,
    params,
  );
  return rows.map((r) => numeric(r, measures));
}

const ACTIVITY_MEASURES = [
  'calls',
  'letters',
  'emails',
  'promises_made',
  'promises_kept',
  'promises_broken',
  'collected_cents',
];
const SCENARIO_MEASURES = SCENARIO.measures;

/** The grouping columns of an activity query (shared with the raw computation). */
export function activityKey(slice: ActivitySlice): string {
  const period = `date_trunc('${slice.grain}', day)::date::text AS period`;
  return slice.by === 'agent' ? 'agent_id' : slice.by === 'period' ? period : `agent_id, ${period}`;
}

/** The ReportSource over the summary tables, inside the caller's tenant transaction. */
export function summarySource(client: SqlClient, tenantId: string): ReportSource {
  return {
    placement: (slice, groupBy) => readFamily(client, tenantId, PLACEMENT, slice, groupBy),
    recovery: (slice, groupBy) => readFamily(client, tenantId, RECOVERY, slice, groupBy),
    aging: (slice, groupBy) => readFamily(client, tenantId, AGING, slice, groupBy),
    async agingAsOf() {
      const { rows } = await client.query('SELECT as_of::text AS as_of FROM report_state WHERE tenant_id = $1', [
        tenantId,
      ]);
      return (rows[0] as { as_of: string } | undefined)?.as_of ?? '';
    },
    async activity(slice: ActivitySlice) {
      const params: unknown[] = [tenantId, slice.from, slice.to];
      const agent = slice.agentId ? `AND agent_id = $${params.push(slice.agentId)}::uuid` : '';
      const { rows } = await client.query(
        `SELECT ${activityKey(slice)}, ${ACTIVITY_MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ')}
           FROM agent_activity_daily
          WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date ${agent}
          GROUP BY ${slice.by === 'agentPeriod' ? '1, 2' : '1'}`,
        params,
      );
      return rows.map((r) => numeric(r, ACTIVITY_MEASURES));
    },
    async scenarios({ creditorId }) {
      const params: unknown[] = [tenantId];
      const creditor = creditorId ? `AND creditor_id = $${params.push(creditorId)}::uuid` : '';
      const { rows } = await client.query(
        `SELECT scenario_version_id, step_index, channel, ${SCENARIO_MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ')}
           FROM scenario_fact WHERE tenant_id = $1 ${creditor}
          GROUP BY scenario_version_id, step_index, channel`,
        params,
      );
      return rows.map((r) => numeric(r, [...SCENARIO_MEASURES, 'step_index']));
    },
  };
}

// ---------------------------------------------------------------------------------------- filters & meta

/** Checks the ids a filter names against the agency (another agency's id is simply unknown). */
async function checkFilterIds(client: SqlClient, actor: Actor, f: DashboardFilters): Promise<void> {
  if (f.creditorId) {
    const { rowCount } = await client.query('SELECT 1 FROM creditor WHERE tenant_id = $1 AND id = $2', [
      actor.tenantId,
      f.creditorId,
    ]);
    if (!rowCount) throw AppError.invalid({ creditorId: M.unknownCreditor });
  }
  if (f.mandateId) {
    const { rowCount } = await client.query(
      'SELECT 1 FROM mandate WHERE tenant_id = $1 AND id = $2 AND ($3::uuid IS NULL OR creditor_id = $3::uuid)',
      [actor.tenantId, f.mandateId, f.creditorId ?? null],
    );
    if (!rowCount) throw AppError.invalid({ mandateId: M.unknownMandate });
  }
  if (f.agentId) {
    const { rowCount } = await client.query(
      `SELECT 1 FROM membership WHERE tenant_id = $1 AND id = $2 AND role <> 'CREDITOR'`,
      [actor.tenantId, f.agentId],
    );
    if (!rowCount) throw AppError.invalid({ agentId: M.unknownAgent });
  }
}

export async function loadMeta(
  client: SqlClient,
  actor: Actor,
  today: string,
  portal: boolean,
): Promise<DashboardMeta> {
  const t = actor.tenantId;
  const creditors = await client.query<{ id: string; name: string }>(
    'SELECT id, name FROM creditor WHERE tenant_id = $1',
    [t],
  );
  const mandates = await client.query<{ id: string; reference: string }>(
    'SELECT id, reference FROM mandate WHERE tenant_id = $1',
    [t],
  );
  const meta: DashboardMeta = {
    today,
    creditors: new Map(creditors.rows.map((r) => [r.id, r.name])),
    mandates: new Map(mandates.rows.map((r) => [r.id, r.reference])),
    staff: [],
    targets: new Map(),
    scenarioVersions: new Map(),
    channelCosts: channelCosts(),
    portal,
  };
  if (portal) return meta;
  const staff = await client.query<{ id: string; name: string; role: string }>(
    `SELECT m.id, i.name, m.role::text AS role FROM membership m JOIN identity i ON i.id = m.identity_id
      WHERE m.tenant_id = $1 AND m.role <> 'CREDITOR' ORDER BY i.name`,
    [t],
  );
  meta.staff = staff.rows;
  const targets = await client.query<{
    agent_id: string;
    metric: TargetedMetric;
    period: TargetRow['period'];
    target: string;
    valid_from: string;
  }>(
    `SELECT agent_id, metric::text AS metric, period::text AS period, target, valid_from::text AS valid_from
       FROM agent_target WHERE tenant_id = $1`,
    [t],
  );
  for (const r of targets.rows) {
    const byMetric = meta.targets.get(r.agent_id) ?? new Map<TargetedMetric, TargetRow[]>();
    byMetric.set(r.metric, [
      ...(byMetric.get(r.metric) ?? []),
      { validFrom: r.valid_from, period: r.period, target: Number(r.target) },
    ]);
    meta.targets.set(r.agent_id, byMetric);
  }
  const versions = await client.query<{ id: string; name: string; version: number }>(
    `SELECT v.id, s.name, v.version FROM scenario_version v
       JOIN scenario s ON s.tenant_id = v.tenant_id AND s.id = v.scenario_id WHERE v.tenant_id = $1`,
    [t],
  );
  meta.scenarioVersions = new Map(versions.rows.map((r) => [r.id, { name: r.name, version: r.version }]));
  const costs = await client.query<{ channel: string; cost_cents: number }>(
    'SELECT channel::text AS channel, cost_cents FROM channel_cost WHERE tenant_id = $1',
    [t],
  );
  meta.channelCosts = channelCosts(Object.fromEntries(costs.rows.map((r) => [r.channel, r.cost_cents])));
  return meta;
}

/**
 * Row-level-security subplans inflate cost estimates past jit_above_cost, and compiling then costs more than
 * these small aggregates take to run.
 */
export async function withoutJit(client: SqlClient): Promise<void> {
  await client.query('SET LOCAL jit = off');
}

/** Parses and checks the filters of the URL for this actor (a creditor user's are pinned to its creditor). */
export async function resolveFilters(
  client: SqlClient,
  actor: Actor,
  query: Record<string, string>,
): Promise<{ filters: DashboardFilters; today: string }> {
  const today = await agencyToday(pgTx(client), actor.tenantId);
  const filters = parseInput(dashboardFilterSchema(today), query);
  if (actor.creditorId) {
    if (filters.creditorId && filters.creditorId !== actor.creditorId) {
      throw AppError.invalid({ creditorId: M.unknownCreditor });
    }
    if (filters.agentId) throw AppError.invalid({ agentId: M.unknownAgent });
    if (filters.by === 'agent') throw AppError.invalid({ by: M.by });
    filters.creditorId = actor.creditorId;
  }
  await checkFilterIds(client, actor, filters);
  return { filters, today };
}

export interface DashboardOptions {
  actor: Actor;
  /** The URL's query string as a plain record (lib/cases/schemas searchParamsToObject). */
  query: Record<string, string>;
}

/** The manager dashboard (ADMIN, MANAGER). */
export async function dashboard({ actor, query }: DashboardOptions): Promise<Dashboard> {
  authorize(actor, 'dashboards.read');
  return inTenantRaw(scopeOf(actor), async (client) => {
    await withoutJit(client);
    const { filters, today } = await resolveFilters(client, actor, query);
    const meta = await loadMeta(client, actor, today, false);
    return computeDashboard(summarySource(client, actor.tenantId), filters, meta);
  });
}

/** A creditor's own portfolio (creditor users): no agents, no scenarios, its creditor only. */
export async function portalDashboard({ actor, query }: DashboardOptions): Promise<Dashboard> {
  authorize(actor, 'portal.home');
  if (!actor.creditorId) throw AppError.notFound();
  return inTenantRaw(scopeOf(actor), async (client) => {
    await withoutJit(client);
    const { filters, today } = await resolveFilters(client, actor, query);
    const meta = await loadMeta(client, actor, today, true);
    return computeDashboard(summarySource(client, actor.tenantId), filters, meta);
  });
}

/** Filter choices for the dashboard form: creditors, their portfolios and the staff. */
export async function dashboardOptions({ actor }: { actor: Actor }) {
  return inTenantRaw(scopeOf(actor), async (client) => {
    const creditors = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM creditor WHERE tenant_id = $1 ORDER BY name',
      [actor.tenantId],
    );
    const mandates = await client.query<{ id: string; reference: string; creditor_id: string }>(
      'SELECT id, reference, creditor_id FROM mandate WHERE tenant_id = $1 ORDER BY reference',
      [actor.tenantId],
    );
    const staff = actor.creditorId
      ? { rows: [] as { id: string; name: string; role: string }[] }
      : await client.query<{ id: string; name: string; role: string }>(
          `SELECT m.id, i.name, m.role::text AS role FROM membership m JOIN identity i ON i.id = m.identity_id
            WHERE m.tenant_id = $1 AND m.role <> 'CREDITOR' AND m.active ORDER BY i.name`,
          [actor.tenantId],
        );
    return {
      creditors: creditors.rows,
      mandates: mandates.rows.map((m) => ({ id: m.id, reference: m.reference, creditorId: m.creditor_id })),
      staff: staff.rows,
    };
  });
}
