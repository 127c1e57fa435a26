import type pg from 'pg';
import { STATUS_PHASE } from '../cases/rules';
import { dayIn } from '../dates/days';
import { rawPool } from '../db/raw';
import { ROUTES, WATCHED_DEADLINES, expectedCostCents } from '../judicial/catalogue';
import { ALERT_DAYS } from '../judicial/rules';
import {
  ACTIVITY,
  AGING,
  CLOSING,
  FLAT_FAMILIES,
  GRAINED_FAMILIES,
  JUDICIAL,
  NIL_UUID,
  PLACEMENT,
  RECOVERY,
  SCENARIO,
  ageBandCase,
  agingBucketCase,
  factColumns,
  grainExpression,
  groupingSets,
  neutralisedDims,
  nonZero,
  sqlList,
  sqlText,
  type Family,
  type FlatFamily,
} from './cube';
import { ACTIVITY_KINDS, STEP_ATTRIBUTION_DAYS, VERSION_HORIZON_DAYS } from './rules';

/*
 * Writes the summary tables. Every change to a file marks it in report_dirty_file (database triggers, same
 * transaction as the change). applyDirtyFiles() then recomputes those files' contributions from the raw tables
 * and moves the facts by the difference with what the files contributed before: set-based, idempotent (a
 * rerun finds nothing dirty, or recomputes the same contribution) and crash-safe (the dirty rows are deleted
 * in the transaction that applies them). rebuildReports() recomputes a whole agency from scratch, nightly.
 *
 * Both hold a per-agency advisory lock taken before their REPEATABLE READ transaction starts, so each sees
 * everything the previous one committed and the facts never receive the same difference twice.
 *
 * Parameters of the statements: $1 tenant, $2 agency time zone; the aging day is the transaction-local setting
 * report.as_of. The file set is the temporary table report_batch(file_id), or every file of the agency.
 */

const CLOSED_STATUSES = Object.entries(STATUS_PHASE)
  .filter(([, phase]) => phase === 'CLOSED')
  .map(([status]) => status);
const NIL = `'${NIL_UUID}'::uuid`;
const KINDS = {
  calls: sqlList(ACTIVITY_KINDS.calls),
  letters: sqlList(ACTIVITY_KINDS.letters),
  emails: sqlList(ACTIVITY_KINDS.emails),
  all: sqlList([...ACTIVITY_KINDS.calls, ...ACTIVITY_KINDS.letters, ...ACTIVITY_KINDS.emails]),
};

/*
 * Staging. The raw rows of the files in question are copied into temporary tables first and analysed, so the
 * statements computing the snapshots join tables with true row counts: under row-level security the planner
 * cannot see through the policies' predicates, guesses a few dozen rows where there are a million, and picks
 * nested loops that take minutes. `batch` is a join on report_batch (apply), or nothing (rebuild: every file).
 */
function stageSql(all: boolean): { table: string; sql: string; occasional?: Occasional }[] {
  const batch = (alias: string) => (all ? '' : `JOIN report_batch b ON b.file_id = ${alias}.file_id`);
  const batchId = (alias: string) => (all ? '' : `JOIN report_batch b ON b.file_id = ${alias}.id`);
  return [
    {
      // The files.
      table: 'rf',
      sql: `SELECT cf.id AS file_id, cf.creditor_id, cf.mandate_id, coalesce(cf.assignee_id, ${NIL}) AS agent_id,
                   cf.status::text AS status, cf.principal_cents, (cf.placed_at AT TIME ZONE $2)::date AS placed_on
              FROM case_file cf ${batchId('cf')} WHERE cf.tenant_id = $1`,
    },
    {
      // Their claims, each placed the later of the file's placement and its own arrival (agency calendar).
      table: 'rc',
      sql: `SELECT x.*, date_trunc('month', x.placed_on::timestamp)::date AS placed_month
              FROM (SELECT cl.id AS claim_id, cl.file_id, cl.principal_cents, cl.due_on,
                           greatest(f.placed_on, (cl.created_at AT TIME ZONE $2)::date) AS placed_on
                      FROM claim cl JOIN rf f ON f.file_id = cl.file_id WHERE cl.tenant_id = $1) x`,
    },
    {
      // Each file-month of placement with its debt age; a file counts once, in its first month.
      table: 'rg',
      sql: `SELECT file_id, placed_month, ${ageBandCase('(min(placed_on) - min(due_on))')} AS age_band,
                   (placed_month = min(placed_month) OVER (PARTITION BY file_id))::int AS first
              FROM rc GROUP BY file_id, placed_month`,
    },
    {
      // Payments, with who recorded them (a reversal counts against whoever recorded the payment it cancels).
      table: 'rp',
      sql: `SELECT p.id, p.received_on, CASE WHEN p.reverses_id IS NULL THEN p.recorded_by ELSE o.recorded_by END AS recorder
              FROM payment p ${batch('p')}
              LEFT JOIN payment o ON o.tenant_id = $1 AND o.id = p.reverses_id
             WHERE p.tenant_id = $1`,
    },
    {
      // Money imputed to claims (a credit held for the debtor goes to none, and counts nowhere).
      table: 'ra',
      sql: `SELECT a.claim_id, a.file_id, a.part::text AS part, a.amount_cents, p.received_on, p.recorder
              FROM allocation a ${batch('a')} JOIN rp p ON p.id = a.payment_id
             WHERE a.tenant_id = $1 AND a.claim_id IS NOT NULL`,
    },
    {
      table: 'rpc',
      sql: `SELECT claim_id, coalesce(sum(amount_cents) FILTER (WHERE part = 'PRINCIPAL'), 0) AS rec,
                   sum(amount_cents) AS col
              FROM ra GROUP BY claim_id`,
    },
    {
      // What agents did on the files, one row per event.
      table: 'rv',
      sql: `SELECT a.file_id, a.actor_id AS agent_id, (a.occurred_at AT TIME ZONE $2)::date AS day,
                   (a.kind IN ${KINDS.calls})::int AS calls, (a.kind IN ${KINDS.letters})::int AS letters,
                   (a.kind IN ${KINDS.emails})::int AS emails, 0 AS made, 0 AS kept, 0 AS broken, 0::bigint AS collected
              FROM activity a ${batch('a')}
             WHERE a.tenant_id = $1 AND a.actor_id IS NOT NULL AND a.kind IN ${KINDS.all}
            UNION ALL
            SELECT pr.file_id, pr.created_by, (pr.created_at AT TIME ZONE $2)::date, 0, 0, 0, 1, 0, 0, 0
              FROM promise pr ${batch('pr')} WHERE pr.tenant_id = $1 AND pr.created_by IS NOT NULL
            UNION ALL
            SELECT pr.file_id, pr.created_by, (pr.resolved_at AT TIME ZONE $2)::date, 0, 0, 0, 0,
                   (pr.status = 'KEPT')::int, (pr.status = 'BROKEN')::int, 0
              FROM promise pr ${batch('pr')}
             WHERE pr.tenant_id = $1 AND pr.created_by IS NOT NULL AND pr.status IN ('KEPT', 'BROKEN')
               AND pr.resolved_at IS NOT NULL
            UNION ALL
            SELECT file_id, recorder, received_on, 0, 0, 0, 0, 0, 0, amount_cents FROM ra WHERE recorder IS NOT NULL`,
    },
    {
      // The files' judicial procedures and their open deadlines (issue 16).
      table: 'rj',
      occasional: 'judicial',
      sql: `SELECT p.id, p.file_id, p.route, p.stage, coalesce(p.outcome, '') AS outcome, p.started_on, p.title_on,
                   p.ended_on
              FROM judicial_procedure p ${batch('p')} WHERE p.tenant_id = $1`,
    },
    {
      table: 'rjd',
      occasional: 'judicial',
      sql: `SELECT d.procedure_id, d.kind, d.due_on
              FROM judicial_deadline d ${batch('d')} WHERE d.tenant_id = $1 AND d.closed_on IS NULL`,
    },
    {
      // Scenario steps executed on the files (issue 5's engine).
      table: 'rs',
      sql: `SELECT s.file_id, s.scenario_version_id, s.step_index, s.channel::text AS channel, s.status::text AS status,
                   (s.executed_at AT TIME ZONE $2)::date AS day
              FROM step_execution s ${batch('s')} WHERE s.tenant_id = $1`,
    },
  ];
}

/** Each route's typical costs, from the catalogue (code, not a request: safe to inline). */
const ROUTE_COSTS = `CASE j.route ${Object.values(ROUTES)
  .map((r) => `WHEN ${sqlText(r.code)} THEN ${expectedCostCents(r.code)}`)
  .join(' ')} ELSE 0 END`;

const SNAPSHOT_SQL: Record<string, (target: string) => string> = {
  report_file_placement: (target) => `
    INSERT INTO ${target} (tenant_id, file_id, placed_month, creditor_id, mandate_id, agent_id, status, age_band,
                           files, claims, placed_cents, recovered_cents, collected_cents)
    SELECT $1::uuid, c.file_id, c.placed_month, f.creditor_id, f.mandate_id, f.agent_id, f.status, g.age_band, g.first,
           count(*)::int, sum(c.principal_cents), coalesce(sum(pc.rec), 0), coalesce(sum(pc.col), 0)
      FROM rc c JOIN rf f ON f.file_id = c.file_id
      JOIN rg g ON g.file_id = c.file_id AND g.placed_month = c.placed_month
      LEFT JOIN rpc pc ON pc.claim_id = c.claim_id
     GROUP BY c.file_id, c.placed_month, f.creditor_id, f.mandate_id, f.agent_id, f.status, g.age_band, g.first`,

  report_file_recovery: (target) => `
    INSERT INTO ${target} (tenant_id, file_id, placed_month, paid_month, creditor_id, mandate_id, agent_id, status,
                           age_band, recovered_cents, collected_cents)
    SELECT $1::uuid, c.file_id, c.placed_month, date_trunc('month', a.received_on::timestamp)::date, f.creditor_id,
           f.mandate_id, f.agent_id, f.status, g.age_band,
           coalesce(sum(a.amount_cents) FILTER (WHERE a.part = 'PRINCIPAL'), 0), sum(a.amount_cents)
      FROM ra a JOIN rc c ON c.claim_id = a.claim_id JOIN rf f ON f.file_id = c.file_id
      JOIN rg g ON g.file_id = c.file_id AND g.placed_month = c.placed_month
     GROUP BY c.file_id, c.placed_month, date_trunc('month', a.received_on::timestamp), f.creditor_id, f.mandate_id,
              f.agent_id, f.status, g.age_band
    HAVING coalesce(sum(a.amount_cents) FILTER (WHERE a.part = 'PRINCIPAL'), 0) <> 0 OR sum(a.amount_cents) <> 0`,

  report_file_aging: (target) => `
    INSERT INTO ${target} (tenant_id, file_id, bucket, creditor_id, mandate_id, agent_id, status, claims,
                           outstanding_cents)
    SELECT $1::uuid, c.file_id, ${agingBucketCase("(current_setting('report.as_of')::date - c.due_on)")}, f.creditor_id, f.mandate_id, f.agent_id,
           f.status, count(*)::int, sum(c.principal_cents - coalesce(pc.rec, 0))
      FROM rc c JOIN rf f ON f.file_id = c.file_id LEFT JOIN rpc pc ON pc.claim_id = c.claim_id
     WHERE f.status NOT IN ${sqlList(CLOSED_STATUSES)} AND c.principal_cents - coalesce(pc.rec, 0) > 0
     GROUP BY c.file_id, 3, f.creditor_id, f.mandate_id, f.agent_id, f.status`,

  report_file_activity: (target) => `
    INSERT INTO ${target} (tenant_id, file_id, agent_id, day, calls, letters, emails, promises_made, promises_kept,
                           promises_broken, collected_cents)
    SELECT $1::uuid, file_id, agent_id, day, sum(calls)::int, sum(letters)::int, sum(emails)::int, sum(made)::int,
           sum(kept)::int, sum(broken)::int, sum(collected)
      FROM rv WHERE agent_id IS NOT NULL
     GROUP BY file_id, agent_id, day
    HAVING ${nonZero(['calls', 'letters', 'emails', 'made', 'kept', 'broken', 'collected'])}`,

  report_file_scenario: (target) => `
    WITH rec AS (
      SELECT file_id, received_on, sum(amount_cents) AS cents FROM ra WHERE part = 'PRINCIPAL'
       GROUP BY file_id, received_on
    ),
    steps AS (
      SELECT file_id, scenario_version_id, step_index, channel,
             count(*) FILTER (WHERE status = 'DONE')::int AS executed,
             count(*) FILTER (WHERE status = 'SKIPPED')::int AS skipped,
             count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
             min(day) FILTER (WHERE status = 'DONE') AS first_done
        FROM rs GROUP BY file_id, scenario_version_id, step_index, channel
    ),
    step_rec AS (
      SELECT s.file_id, s.scenario_version_id, s.step_index, s.channel, sum(r.cents) AS cents
        FROM steps s JOIN rec r ON r.file_id = s.file_id AND r.received_on >= s.first_done
                                AND r.received_on < s.first_done + ${STEP_ATTRIBUTION_DAYS}
       GROUP BY s.file_id, s.scenario_version_id, s.step_index, s.channel
    ),
    versions AS (
      SELECT file_id, scenario_version_id, min(day) AS started,
             min(day) + ${VERSION_HORIZON_DAYS} <= current_setting('report.as_of')::date AS mature
        FROM rs GROUP BY file_id, scenario_version_id
    ),
    version_rec AS (
      SELECT v.file_id, v.scenario_version_id, sum(r.cents) AS cents,
             coalesce(sum(r.cents) FILTER (WHERE r.received_on < v.started + ${VERSION_HORIZON_DAYS}), 0) AS early
        FROM versions v JOIN rec r ON r.file_id = v.file_id AND r.received_on >= v.started
       GROUP BY v.file_id, v.scenario_version_id
    )
    INSERT INTO ${target} (tenant_id, file_id, scenario_version_id, step_index, channel, creditor_id, files, executed,
                           skipped, failed, placed_cents, recovered_cents, mature_files, mature_placed_cents,
                           mature_recovered_cents)
    SELECT $1::uuid, s.file_id, s.scenario_version_id, s.step_index, s.channel, f.creditor_id, 1, s.executed, s.skipped,
           s.failed, 0, coalesce(r.cents, 0), 0, 0, 0
      FROM steps s JOIN rf f ON f.file_id = s.file_id
      LEFT JOIN step_rec r ON r.file_id = s.file_id AND r.scenario_version_id = s.scenario_version_id
                          AND r.step_index = s.step_index AND r.channel = s.channel
    UNION ALL
    SELECT $1::uuid, v.file_id, v.scenario_version_id, -1, '', f.creditor_id, 1, 0, 0, 0, f.principal_cents,
           coalesce(r.cents, 0), v.mature::int, CASE WHEN v.mature THEN f.principal_cents ELSE 0 END,
           CASE WHEN v.mature THEN coalesce(r.early, 0) ELSE 0 END
      FROM versions v JOIN rf f ON f.file_id = v.file_id
      LEFT JOIN version_rec r ON r.file_id = v.file_id AND r.scenario_version_id = v.scenario_version_id`,

  // A running procedure's open deadlines count as at risk within the alert window, as lapsed once past (the other
  // side's deadlines, an opposition month, do not lapse: lib/judicial/rules.ts deadlineState).
  report_file_judicial: (target) => `
    INSERT INTO ${target} (tenant_id, file_id, procedure_id, creditor_id, route, stage, outcome, procedures, titled,
                           days_to_title, costs_cents, collected_cents, deadlines_at_risk, deadlines_lapsed)
    SELECT $1::uuid, j.file_id, j.id, f.creditor_id, j.route, j.stage, j.outcome, 1, (j.title_on IS NOT NULL)::int,
           coalesce(j.title_on - j.started_on, 0), ${ROUTE_COSTS},
           coalesce((SELECT sum(a.amount_cents) FROM ra a
                      WHERE a.file_id = j.file_id AND a.received_on >= j.started_on
                        AND (j.ended_on IS NULL OR a.received_on <= j.ended_on)), 0),
           (SELECT count(*) FROM rjd d
             WHERE j.ended_on IS NULL AND f.status NOT IN ${sqlList(CLOSED_STATUSES)} AND d.procedure_id = j.id
               AND d.due_on BETWEEN current_setting('report.as_of')::date
                                AND current_setting('report.as_of')::date + ${ALERT_DAYS})::int,
           (SELECT count(*) FROM rjd d
             WHERE j.ended_on IS NULL AND f.status NOT IN ${sqlList(CLOSED_STATUSES)} AND d.procedure_id = j.id
               AND d.kind NOT IN ${sqlList(WATCHED_DEADLINES)}
               AND d.due_on < current_setting('report.as_of')::date)::int
      FROM rj j JOIN rf f ON f.file_id = j.file_id`,

  // Decided closings by the month of the decision in the agency's calendar (every path leaves one, decision 0023).
  // Read straight from file_closing: a few rows per closed file, no staging needed.
  report_file_closing: (target) => `
    INSERT INTO ${target} (tenant_id, file_id, creditor_id, month, reason, closings)
    SELECT $1::uuid, c.file_id, f.creditor_id, date_trunc('month', c.decided_at AT TIME ZONE $2)::date, c.reason,
           count(*)::int
      FROM file_closing c JOIN rf f ON f.file_id = c.file_id
     WHERE c.tenant_id = $1 AND c.status = 'CLOSED' AND c.decided_at IS NOT NULL
     GROUP BY c.file_id, f.creditor_id, 4, c.reason`,
};

export const SNAPSHOT_TABLES = Object.keys(SNAPSHOT_SQL);
/** The statement that computes one snapshot table's rows for the files in report_batch (for EXPLAIN). */
export const snapshotSql = (table: string, target = table) => SNAPSHOT_SQL[table]!(target);
export const FACT_TABLES = [...GRAINED_FAMILIES, ...FLAT_FAMILIES].map((f) => f.fact);

function snapshotColumns(family: Family | FlatFamily): string[] {
  return 'dims' in family ? factColumns(family) : [...family.keys, ...family.measures];
}

/** The facts as GROUP BY over snapshot rows (`source` yields the snapshot's columns). */
function aggregateSql(family: Family | FlatFamily, source: string): string {
  if ('dims' in family) {
    const cols = ['tenant_id', 'grain', ...factColumns(family)];
    return `
      INSERT INTO ${family.fact} AS t (${cols.join(', ')})
      SELECT $1::uuid, ${grainExpression(family)}, ${neutralisedDims(family).join(', ')}, ${family.keys.join(', ')},
             ${family.measures.map((m) => `sum(${m})`).join(', ')}
        FROM ${source} s
       GROUP BY ${groupingSets(family)}
      HAVING ${nonZero(family.measures)}`;
  }
  const cols = ['tenant_id', ...family.keys, ...family.measures];
  return `
    INSERT INTO ${family.fact} AS t (${cols.join(', ')})
    SELECT $1::uuid, ${family.keys.join(', ')}, ${family.measures.map((m) => `sum(${m})`).join(', ')}
      FROM ${source} s
     GROUP BY ${family.keys.join(', ')}
    HAVING ${nonZero(family.measures)}`;
}

function primaryKey(family: Family | FlatFamily): string[] {
  return 'dims' in family
    ? ['tenant_id', 'grain', ...factColumns(family).filter((c) => !family.measures.includes(c))]
    : ['tenant_id', ...family.keys];
}

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

/** PostgreSQL refuses parameters a statement does not use: pass $1…$n as far as the text goes. */
function paramsFor(text: string, params: unknown[]): unknown[] {
  let n = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) n = Math.max(n, Number(m[1]));
  return params.slice(0, n);
}

/** Copies the raw rows of the files in question into analysed temporary tables (see stageSql). */
async function stage(q: Query, all: boolean, params: unknown[], present: ReadonlySet<Occasional> = ALL_OCCASIONAL) {
  await q(`SELECT set_config('report.as_of', $1, true)`, [params[2]]);
  for (const { table, sql } of stageSql(all).filter((t) => !t.occasional || present.has(t.occasional))) {
    await q(`CREATE TEMP TABLE ${table} ON COMMIT DROP AS ${sql}`, paramsFor(sql, params));
    await q(`ANALYZE ${table}`);
  }
}

/** Moves one family's facts by (new contribution − old contribution) of the batch, then drops rows left at zero. */
async function applyDelta(q: Query, family: Family | FlatFamily, params: unknown[]): Promise<void> {
  const cols = snapshotColumns(family);
  const measures = new Set(family.measures);
  const signed = (sign: string) => cols.map((c) => (measures.has(c) ? `${sign}${c} AS ${c}` : c)).join(', ');
  const source = `(SELECT ${signed('-')} FROM ${family.snapshot} o
                     WHERE o.tenant_id = $1 AND o.file_id IN (SELECT file_id FROM report_batch)
                    UNION ALL
                    SELECT ${signed('')} FROM new_${family.snapshot})`;
  const key = primaryKey(family);
  await q(`CREATE TEMP TABLE zero_keys ON COMMIT DROP AS SELECT ${key.join(', ')} FROM ${family.fact} WITH NO DATA`);
  await q(
    `WITH up AS (
       ${aggregateSql(family, source)}
       ON CONFLICT (${key.join(', ')}) DO UPDATE
          SET ${family.measures.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ')}
       RETURNING ${[...key, ...family.measures].join(', ')}
     )
     INSERT INTO zero_keys SELECT ${key.join(', ')} FROM up WHERE ${family.measures.map((m) => `${m} = 0`).join(' AND ')}`,
    params,
  );
  await q(
    `DELETE FROM ${family.fact} f USING zero_keys z
      WHERE ${key.map((c) => `f.${c} = z.${c}`).join(' AND ')}`,
  );
  await q('DROP TABLE zero_keys');
}

const FAMILIES: (Family | FlatFamily)[] = [PLACEMENT, RECOVERY, AGING, ACTIVITY, SCENARIO, JUDICIAL, CLOSING];

/**
 * Families most files never enter: a court procedure, a closing decision. For each, the raw table whose rows make a
 * file's contribution. A batch none of whose files has, or had, such a row has a delta of zero by construction:
 * skipping its staging, snapshot and delta saves a dozen catalogue-writing statements per batch (the incremental
 * apply in tests/bench/dashboards-bench.ts).
 */
const OCCASIONAL = {
  judicial: { family: JUDICIAL, source: 'judicial_procedure' },
  closing: { family: CLOSING, source: 'file_closing' },
} as const;
type Occasional = keyof typeof OCCASIONAL;
const ALL_OCCASIONAL: ReadonlySet<Occasional> = new Set(Object.keys(OCCASIONAL) as Occasional[]);

/** The occasional families the batch's files have, or had, rows for: one statement for all of them. */
async function occasionalIn(q: Query, tenantId: string): Promise<Set<Occasional>> {
  const entries = Object.entries(OCCASIONAL) as [Occasional, (typeof OCCASIONAL)[Occasional]][];
  const { rows } = await q(
    `SELECT ${entries
      .map(
        ([name, { family, source }]) =>
          `EXISTS (SELECT 1 FROM ${source} r JOIN report_batch b ON b.file_id = r.file_id WHERE r.tenant_id = $1)
           OR EXISTS (SELECT 1 FROM ${family.snapshot} o JOIN report_batch b ON b.file_id = o.file_id
                       WHERE o.tenant_id = $1) AS ${name}`,
      )
      .join(', ')}`,
    [tenantId],
  );
  const found = rows[0] as Record<Occasional, boolean>;
  return new Set(entries.filter(([name]) => found[name]).map(([name]) => name));
}
const skipped = (present: ReadonlySet<Occasional>) =>
  new Set<Family | FlatFamily>(
    (Object.keys(OCCASIONAL) as Occasional[]).filter((n) => !present.has(n)).map((n) => OCCASIONAL[n].family),
  );

export interface ReportRunOptions {
  /** Defaults to the application's pool (row-level security applies); the seed passes an owner pool. */
  pool?: pg.Pool;
  /** Told how long each step took (the benchmark prints it). */
  onStep?: (step: string, ms: number) => void;
}

async function agencyTimeZone(client: pg.PoolClient, tenantId: string): Promise<string> {
  const { rows } = await client.query<{ time_zone: string }>('SELECT time_zone FROM agency WHERE id = $1', [tenantId]);
  if (!rows[0]) throw new Error(`no agency ${tenantId}`);
  return rows[0].time_zone;
}

/**
 * Runs `work` in a REPEATABLE READ transaction in the tenant's context, holding the agency's reports lock.
 * The lock is taken before BEGIN: a snapshot taken while waiting for it would miss the previous run's writes.
 */
async function underReportsLock<T>(
  pool: pg.Pool,
  tenantId: string,
  work: (q: Query, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('reports:' || $1, 0))`, [tenantId]);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      // The row-level-security subplans inflate cost estimates past jit_above_cost: compiling took longer than
      // running (1.5 s of 2 s on a 40,000-payment scan).
      await client.query('SET LOCAL jit = off');
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', '', true)`, [
        tenantId,
      ]);
      const result = await work((text, values) => client.query(text, values), client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      await client
        .query(`SELECT pg_advisory_unlock(hashtextextended('reports:' || $1, 0))`, [tenantId])
        .catch((error: Error) => (broken = error));
    }
  } finally {
    // A connection whose unlock failed may still hold the lock: destroy it rather than pool it.
    client.release(broken);
  }
}

export interface RebuildResult {
  files: number;
  asOf: string;
  ms: number;
}

/**
 * Recomputes every summary row of an agency from the raw tables (the nightly job, and the seed). `asOf` is
 * the day aging is computed for: the agency's today by default.
 */
export async function rebuildReports(
  tenantId: string,
  { pool = rawPool(), asOf, onStep }: ReportRunOptions & { asOf?: string } = {},
): Promise<RebuildResult> {
  const started = performance.now();
  return underReportsLock(pool, tenantId, async (query, client) => {
    let last = performance.now();
    const q: Query = async (text, values) => {
      const result = await query(text, values);
      const now = performance.now();
      onStep?.(text.replace(/\s+/g, ' ').trim().slice(0, 60), now - last);
      last = now;
      return result;
    };
    const timeZone = await agencyTimeZone(client, tenantId);
    const day = asOf ?? dayIn(timeZone);
    const params = [tenantId, timeZone, day];
    // What is dirty now is covered by this rebuild; marks committed after its snapshot stay for the next apply.
    await q('DELETE FROM report_dirty_file WHERE tenant_id = $1', [tenantId]);
    for (const table of [...SNAPSHOT_TABLES, ...FACT_TABLES])
      await q(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    await stage(q, true, params);
    const { rows } = await q('SELECT count(*)::int AS n FROM rf');
    for (const [table, sql] of Object.entries(SNAPSHOT_SQL)) {
      const text = sql(table);
      await q(text, paramsFor(text, params));
    }
    for (const family of FAMILIES) {
      await q(`ANALYZE ${family.snapshot}`);
      await q(aggregateSql(family, `(SELECT * FROM ${family.snapshot} WHERE tenant_id = $1)`), [tenantId]);
      await q(`ANALYZE ${family.fact}`);
    }
    await q(
      `INSERT INTO report_state (tenant_id, as_of, time_zone, rebuilt_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (tenant_id) DO UPDATE SET as_of = excluded.as_of, time_zone = excluded.time_zone,
                                             rebuilt_at = excluded.rebuilt_at`,
      [tenantId, day, timeZone],
    );
    return { files: (rows[0] as { n: number }).n, asOf: day, ms: Math.round(performance.now() - started) };
  });
}

export interface ApplyResult {
  files: number;
  batches: number;
  rebuilt: boolean;
}

/**
 * Applies the changes marked since the last run, a batch of files at a time (each batch one transaction).
 * An agency never rebuilt is rebuilt instead: there is no previous state to move from.
 */
export async function applyDirtyFiles(
  tenantId: string,
  { pool = rawPool(), batchSize = 2_000 }: ReportRunOptions & { batchSize?: number } = {},
): Promise<ApplyResult> {
  let files = 0;
  let batches = 0;
  for (;;) {
    const step = await underReportsLock(pool, tenantId, async (q) => {
      const state = await q('SELECT as_of::text AS as_of, time_zone FROM report_state WHERE tenant_id = $1', [
        tenantId,
      ]);
      const current = state.rows[0] as { as_of: string; time_zone: string } | undefined;
      if (!current) return null;
      await q('CREATE TEMP TABLE report_batch (file_id uuid PRIMARY KEY) ON COMMIT DROP');
      const taken = await q(
        `WITH d AS (
           DELETE FROM report_dirty_file
            WHERE tenant_id = $1 AND file_id IN (SELECT file_id FROM report_dirty_file WHERE tenant_id = $1 LIMIT $2)
           RETURNING file_id)
         INSERT INTO report_batch SELECT file_id FROM d`,
        [tenantId, batchSize],
      );
      const n = taken.rowCount ?? 0;
      if (n === 0) return 0;
      // With its true size known, a small batch reaches the big tables through their (tenant_id, file_id) indexes.
      await q('ANALYZE report_batch');
      const params = [tenantId, current.time_zone, current.as_of];
      const present = await occasionalIn(q, tenantId);
      const absent = skipped(present);
      await stage(q, false, params, present);
      const snapshots = SNAPSHOT_TABLES.filter((t) => ![...absent].some((f) => f.snapshot === t));
      for (const table of snapshots) {
        await q(`CREATE TEMP TABLE new_${table} (LIKE ${table}) ON COMMIT DROP`);
        const text = SNAPSHOT_SQL[table]!(`new_${table}`);
        await q(text, paramsFor(text, params));
      }
      for (const family of FAMILIES.filter((f) => !absent.has(f))) await applyDelta(q, family, [tenantId]);
      for (const table of snapshots) {
        await q(`DELETE FROM ${table} WHERE tenant_id = $1 AND file_id IN (SELECT file_id FROM report_batch)`, [
          tenantId,
        ]);
        await q(`INSERT INTO ${table} SELECT * FROM new_${table}`);
      }
      await q('UPDATE report_state SET applied_at = now() WHERE tenant_id = $1', [tenantId]);
      return n;
    });
    if (step === null) {
      await rebuildReports(tenantId, { pool });
      return { files, batches, rebuilt: true };
    }
    if (step === 0) return { files, batches, rebuilt: false };
    files += step;
    batches++;
  }
}

/** Whether the agency has changes waiting (read in its own tenant context). */
export async function hasDirtyFiles(tenantId: string, { pool = rawPool() }: ReportRunOptions = {}): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', '', true)`, [
      tenantId,
    ]);
    const { rows } = await client.query('SELECT EXISTS (SELECT 1 FROM report_dirty_file WHERE tenant_id = $1) AS any', [
      tenantId,
    ]);
    await client.query('COMMIT');
    return (rows[0] as { any: boolean }).any;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
