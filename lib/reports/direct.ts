import { STATUS_PHASE } from '../cases/rules';
import { inTenantRaw } from '../db/raw';
import { scopeOf, type Actor } from '../tenancy/actor';
import { computeDashboard, type Dashboard } from './dashboard-data';
import { activityKey, loadMeta, resolveFilters, withoutJit } from './queries';
import { NIL_UUID, SCENARIO, ageBandCase, agingBucketCase, sqlList } from './cube';
import { ACTIVITY_KINDS, STEP_ATTRIBUTION_DAYS, VERSION_HORIZON_DAYS } from './rules';
import { numeric, type ActivitySlice, type GroupColumn, type ReportSource, type Slice, type SqlClient } from './source';

// The dashboard's figures straight from the raw tables (case_file, claim, allocation, payment, activity,
// promise, step_execution), written claim by claim without the summary tables' intermediate rows. Not used by
// any screen: the integration test checks the summaries against it, and the benchmark measures both.

const CLOSED = Object.entries(STATUS_PHASE)
  .filter(([, phase]) => phase === 'CLOSED')
  .map(([status]) => status);

const asText = (c: GroupColumn) => (c.endsWith('_month') ? `${c}::text AS ${c}` : c);

function fileFilters(slice: Slice, params: unknown[]): string {
  const out: string[] = [];
  if (slice.creditorId) out.push(`creditor_id = $${params.push(slice.creditorId)}::uuid`);
  if (slice.mandateId) out.push(`mandate_id = $${params.push(slice.mandateId)}::uuid`);
  if (slice.agentId) out.push(`coalesce(assignee_id, '${NIL_UUID}'::uuid) = $${params.push(slice.agentId)}::uuid`);
  if (slice.statuses) out.push(`status::text = ANY($${params.push(slice.statuses)}::text[])`);
  return out.map((c) => ` AND ${c}`).join('');
}

/** Every claim of the selected files with its month of placement and the debt age of its file-month. */
function claimsCte(slice: Slice, params: unknown[]): string {
  return `
    f AS (
      SELECT id AS file_id, creditor_id, mandate_id, coalesce(assignee_id, '${NIL_UUID}'::uuid) AS agent_id,
             status::text AS status, (placed_at AT TIME ZONE $2)::date AS placed_on
        FROM case_file WHERE tenant_id = $1${fileFilters(slice, params)}
    ),
    cl AS (
      SELECT c.id AS claim_id, c.file_id, c.principal_cents, c.due_on, f.creditor_id, f.mandate_id, f.agent_id,
             f.status, greatest(f.placed_on, (c.created_at AT TIME ZONE $2)::date) AS placed_on
        FROM claim c JOIN f ON f.file_id = c.file_id WHERE c.tenant_id = $1
    ),
    cm AS (
      SELECT cl.*, date_trunc('month', placed_on)::date AS placed_month,
             ${ageBandCase('(min(placed_on) OVER w - min(due_on) OVER w)')} AS age_band,
             date_trunc('month', placed_on) = min(date_trunc('month', placed_on)) OVER (PARTITION BY file_id) AS first_month
        FROM cl WINDOW w AS (PARTITION BY file_id, date_trunc('month', placed_on))
    )`;
}

function claimFilters(slice: Slice, params: unknown[], prefix = ''): string {
  const out: string[] = [];
  if (slice.fromMonth) out.push(`${prefix}placed_month >= $${params.push(slice.fromMonth)}::date`);
  if (slice.toMonth) out.push(`${prefix}placed_month <= $${params.push(slice.toMonth)}::date`);
  if (slice.ageBand !== undefined) out.push(`${prefix}age_band = $${params.push(slice.ageBand)}`);
  return out.length ? `WHERE ${out.join(' AND ')}` : '';
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

export function directSource(client: SqlClient, tenantId: string, timeZone: string, asOf: string): ReportSource {
  const group = (groupBy: readonly GroupColumn[]) => (groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : '');
  const select = (groupBy: readonly GroupColumn[]) => groupBy.map((c) => `${asText(c)}, `).join('');

  return {
    async placement(slice, groupBy) {
      const params: unknown[] = [tenantId, timeZone];
      const ctes = claimsCte(slice, params);
      const where = claimFilters(slice, params, 'cm.');
      const { rows } = await client.query(
        `WITH ${ctes},
         paid AS (
           SELECT a.claim_id, coalesce(sum(a.amount_cents) FILTER (WHERE a.part = 'PRINCIPAL'), 0) AS rec,
                  sum(a.amount_cents) AS col
             FROM allocation a JOIN f ON f.file_id = a.file_id
            WHERE a.tenant_id = $1 AND a.claim_id IS NOT NULL GROUP BY a.claim_id
         )
         SELECT ${select(groupBy)} count(DISTINCT cm.file_id) FILTER (WHERE cm.first_month) AS files,
                count(*) AS claims, sum(cm.principal_cents) AS placed_cents,
                coalesce(sum(p.rec), 0) AS recovered_cents, coalesce(sum(p.col), 0) AS collected_cents
           FROM cm LEFT JOIN paid p ON p.claim_id = cm.claim_id ${where} ${group(groupBy)}`,
        params,
      );
      return rows.map((r) => numeric(r, ['files', 'claims', 'placed_cents', 'recovered_cents', 'collected_cents']));
    },

    async recovery(slice, groupBy) {
      const params: unknown[] = [tenantId, timeZone];
      const ctes = claimsCte(slice, params);
      const clauses: string[] = [];
      const where = claimFilters(slice, params, 'cm.');
      if (where) clauses.push(where.replace(/^WHERE /, ''));
      if (slice.paidFromMonth)
        clauses.push(`date_trunc('month', p.received_on) >= $${params.push(slice.paidFromMonth)}::date`);
      if (slice.paidToMonth)
        clauses.push(`date_trunc('month', p.received_on) <= $${params.push(slice.paidToMonth)}::date`);
      const { rows } = await client.query(
        `WITH ${ctes},
         money AS (
           SELECT cm.*, date_trunc('month', p.received_on)::date AS paid_month, a.part, a.amount_cents
             FROM allocation a
             JOIN payment p ON p.tenant_id = $1 AND p.id = a.payment_id
             JOIN cm ON cm.claim_id = a.claim_id
            WHERE a.tenant_id = $1 ${clauses.length ? `AND ${clauses.join(' AND ')}` : ''}
         )
         SELECT ${select(groupBy)} coalesce(sum(amount_cents) FILTER (WHERE part = 'PRINCIPAL'), 0) AS recovered_cents,
                coalesce(sum(amount_cents), 0) AS collected_cents
           FROM money ${group(groupBy)}`,
        params,
      );
      return rows.map((r) => numeric(r, ['recovered_cents', 'collected_cents']));
    },

    async aging(slice, groupBy) {
      const params: unknown[] = [tenantId, timeZone, asOf];
      const ctes = claimsCte(slice, params);
      const { rows } = await client.query(
        `WITH ${ctes},
         left_due AS (
           SELECT cm.*, ${agingBucketCase('($3::date - cm.due_on)')} AS bucket,
                  cm.principal_cents - coalesce((SELECT sum(a.amount_cents) FROM allocation a
                                                  WHERE a.tenant_id = $1 AND a.claim_id = cm.claim_id
                                                    AND a.part = 'PRINCIPAL'), 0) AS outstanding
             FROM cm WHERE cm.status NOT IN ${sqlList(CLOSED)}
         )
         SELECT ${select(groupBy)} count(*) AS claims, coalesce(sum(outstanding), 0) AS outstanding_cents
           FROM left_due WHERE outstanding > 0 ${group(groupBy)}`,
        params,
      );
      return rows.map((r) => numeric(r, ['claims', 'outstanding_cents', 'bucket']));
    },

    async agingAsOf() {
      return asOf;
    },

    async activity(slice: ActivitySlice) {
      const params: unknown[] = [tenantId, timeZone, slice.from, slice.to];
      const agent = slice.agentId ? `AND agent_id = $${params.push(slice.agentId)}::uuid` : '';
      const kinds = [...ACTIVITY_KINDS.calls, ...ACTIVITY_KINDS.letters, ...ACTIVITY_KINDS.emails];
      const { rows } = await client.query(
        `WITH ev AS (
           SELECT actor_id AS agent_id, (occurred_at AT TIME ZONE $2)::date AS day,
                  (kind IN ${sqlList(ACTIVITY_KINDS.calls)})::int AS calls,
                  (kind IN ${sqlList(ACTIVITY_KINDS.letters)})::int AS letters,
                  (kind IN ${sqlList(ACTIVITY_KINDS.emails)})::int AS emails,
                  0 AS promises_made, 0 AS promises_kept, 0 AS promises_broken, 0::bigint AS collected_cents
             FROM activity WHERE tenant_id = $1 AND actor_id IS NOT NULL AND kind IN ${sqlList(kinds)}
           UNION ALL
           SELECT created_by, (created_at AT TIME ZONE $2)::date, 0, 0, 0, 1, 0, 0, 0
             FROM promise WHERE tenant_id = $1
           UNION ALL
           SELECT created_by, (resolved_at AT TIME ZONE $2)::date, 0, 0, 0, 0,
                  (status = 'KEPT')::int, (status = 'BROKEN')::int, 0
             FROM promise WHERE tenant_id = $1 AND status IN ('KEPT', 'BROKEN') AND resolved_at IS NOT NULL
           UNION ALL
           SELECT coalesce(o.recorded_by, CASE WHEN p.reverses_id IS NULL THEN p.recorded_by END), p.received_on,
                  0, 0, 0, 0, 0, 0, a.amount_cents
             FROM payment p
             JOIN allocation a ON a.tenant_id = $1 AND a.payment_id = p.id AND a.part <> 'CREDIT'
             LEFT JOIN payment o ON o.tenant_id = $1 AND o.id = p.reverses_id
            WHERE p.tenant_id = $1
         )
         SELECT ${activityKey(slice)}, ${ACTIVITY_MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ')}
           FROM ev WHERE agent_id IS NOT NULL AND day BETWEEN $3::date AND $4::date ${agent}
          GROUP BY ${slice.by === 'agentPeriod' ? '1, 2' : '1'}`,
        params,
      );
      return rows.map((r) => numeric(r, ACTIVITY_MEASURES));
    },

    async scenarios({ creditorId }) {
      const params: unknown[] = [tenantId, timeZone, asOf];
      const creditor = creditorId ? `AND cf.creditor_id = $${params.push(creditorId)}::uuid` : '';
      const mature = `st.day + ${VERSION_HORIZON_DAYS} <= $3::date`;
      const { rows } = await client.query(
        `WITH runs AS (
           SELECT s.file_id, s.scenario_version_id, s.step_index, s.channel::text AS channel,
                  count(*) FILTER (WHERE s.status = 'DONE') AS executed,
                  count(*) FILTER (WHERE s.status = 'SKIPPED') AS skipped,
                  count(*) FILTER (WHERE s.status = 'FAILED') AS failed,
                  min((s.executed_at AT TIME ZONE $2)::date) FILTER (WHERE s.status = 'DONE') AS first_done
             FROM step_execution s JOIN case_file cf ON cf.tenant_id = s.tenant_id AND cf.id = s.file_id
            WHERE s.tenant_id = $1 ${creditor}
            GROUP BY 1, 2, 3, 4
         ),
         principal_paid AS (
           SELECT a.file_id, p.received_on, a.amount_cents
             FROM allocation a JOIN payment p ON p.tenant_id = $1 AND p.id = a.payment_id
            WHERE a.tenant_id = $1 AND a.part = 'PRINCIPAL'
              AND a.file_id IN (SELECT file_id FROM runs)
         ),
         started AS (
           SELECT s.file_id, s.scenario_version_id, min((s.executed_at AT TIME ZONE $2)::date) AS day
             FROM step_execution s WHERE s.tenant_id = $1 AND s.file_id IN (SELECT file_id FROM runs)
            GROUP BY 1, 2
         )
         SELECT r.scenario_version_id, r.step_index, r.channel, count(*) AS files, sum(r.executed) AS executed,
                sum(r.skipped) AS skipped, sum(r.failed) AS failed,
                0 AS placed_cents,
                coalesce(sum((SELECT sum(pp.amount_cents) FROM principal_paid pp
                               WHERE pp.file_id = r.file_id AND pp.received_on >= r.first_done
                                 AND pp.received_on < r.first_done + ${STEP_ATTRIBUTION_DAYS})), 0) AS recovered_cents,
                0 AS mature_files, 0 AS mature_placed_cents, 0 AS mature_recovered_cents
           FROM runs r GROUP BY 1, 2, 3
         UNION ALL
         SELECT st.scenario_version_id, -1, '', count(*), 0, 0, 0, sum(cf.principal_cents),
                coalesce(sum((SELECT sum(pp.amount_cents) FROM principal_paid pp
                               WHERE pp.file_id = st.file_id AND pp.received_on >= st.day)), 0),
                count(*) FILTER (WHERE ${mature}),
                coalesce(sum(cf.principal_cents) FILTER (WHERE ${mature}), 0),
                coalesce(sum((SELECT sum(pp.amount_cents) FROM principal_paid pp
                               WHERE pp.file_id = st.file_id AND pp.received_on >= st.day
                                 AND pp.received_on < st.day + ${VERSION_HORIZON_DAYS})) FILTER (WHERE ${mature}), 0)
           FROM started st JOIN case_file cf ON cf.tenant_id = $1 AND cf.id = st.file_id
          GROUP BY 1`,
        params,
      );
      return rows.map((r) => numeric(r, [...SCENARIO_MEASURES, 'step_index']));
    },
  };
}

/** The dashboard computed from the raw tables, for the same actor and filters as `dashboard()`. */
export async function directDashboard({
  actor,
  query,
  asOf,
}: {
  actor: Actor;
  query: Record<string, string>;
  /** The aging day; the summaries' own (report_state.as_of) by default, so the two compare. */
  asOf?: string;
}): Promise<Dashboard> {
  return inTenantRaw(scopeOf(actor), async (client) => {
    await withoutJit(client);
    const { filters, today } = await resolveFilters(client, actor, query);
    const meta = await loadMeta(client, actor, today, actor.creditorId !== null);
    const { rows } = await client.query<{ time_zone: string; as_of: string | null }>(
      `SELECT a.time_zone, s.as_of::text AS as_of FROM agency a
         LEFT JOIN report_state s ON s.tenant_id = a.id WHERE a.id = $1`,
      [actor.tenantId],
    );
    const day = asOf ?? rows[0]?.as_of ?? today;
    return computeDashboard(directSource(client, actor.tenantId, rows[0]!.time_zone, day), filters, meta);
  });
}
