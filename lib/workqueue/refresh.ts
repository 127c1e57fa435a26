import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { Prisma } from '../db/generated/client';
import type { FilePhase, FileStatus } from '../db/generated/enums';
import { inTenantRaw, type RawTx } from '../db/raw';
import { scoreFile, type FileFacts, type OpenTask } from './rules';

// The rank lives on case_file (priority_score, attention_on, priority_reasons) so the queue is an index scan.
// Every use-case that changes what the score reads calls refreshFiles in its own transaction; the nightly
// job calls refreshTenantQueue so that time passing (a promise falling due) moves files too.

/** The same statements run inside a use-case's Prisma transaction or the nightly job's pg transaction. */
interface Runner {
  rows<T>(query: Prisma.Sql): Promise<T[]>;
  run(query: Prisma.Sql): Promise<number>;
}

function prismaRunner(tx: RawTx): Runner {
  return { rows: (query) => tx.$queryRaw(query), run: (query) => tx.$executeRaw(query) };
}

function pgRunner(client: pg.PoolClient): Runner {
  return {
    rows: async <T>(query: Prisma.Sql) => (await client.query(query.text, query.values)).rows as T[],
    run: async (query) => (await client.query(query.text, query.values)).rowCount ?? 0,
  };
}

/** pg hands bigint columns back as strings, Prisma as bigint. */
type Int8 = bigint | string;

interface FactsRow {
  id: string;
  status: FileStatus;
  phase: FilePhase;
  at_stake: Int8;
  oldest_due_on: string | null;
  placed_on: string;
  last_contact_on: string | null;
  limitation_on: string | null;
  pending_due_on: string | null;
  pending_amount: Int8 | null;
  broken: number;
  kept: number;
  broken_on: string | null;
  broken_amount: Int8 | null;
  unpaid_due_on: string | null;
  unpaid_amount: Int8 | null;
  missed: number;
  missed_on: string | null;
  missed_amount: Int8 | null;
  tasks: OpenTask[] | null;
  dispute_on: string | null;
  /** The rank stored now, so that only files whose rank moved are written. */
  cur_score: number;
  cur_attention_on: string | null;
  cur_reasons: unknown;
}

/**
 * Which files to refresh, always as a list of ids: the planner knows how many, and joins each child table
 * on its (tenant_id, file_id) index. (An id range would be shorter to send, but PostgreSQL cannot estimate a
 * uuid range and then repeats each child aggregate once per file.) `nightly` marks the job's batches.
 */
interface Selection {
  ids: string[];
  nightly: boolean;
}

/** The selection as a condition on a file-id column. */
function matches(selection: Selection, column: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(column)} = ANY(${selection.ids}::uuid[])`;
}

/** Closed files whose rank is already cleared have nothing to recompute. */
const STILL_RANKED = Prisma.sql`(phase <> 'CLOSED' OR attention_on IS NOT NULL OR priority_score <> 0)`;

const num = (v: Int8 | number | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

function toFacts(r: FactsRow): FileFacts {
  return {
    status: r.status,
    phase: r.phase,
    amountAtStakeCents: num(r.at_stake),
    oldestDueOn: r.oldest_due_on,
    placedOn: r.placed_on,
    lastContactOn: r.last_contact_on,
    limitationOn: r.limitation_on,
    pendingPromise: r.pending_due_on ? { dueOn: r.pending_due_on, amountCents: num(r.pending_amount) } : null,
    brokenPromises: r.broken,
    keptPromises: r.kept,
    lastBrokenPromise: r.broken_on ? { on: r.broken_on, amountCents: num(r.broken_amount) } : null,
    unpaidInstalment: r.unpaid_due_on ? { dueOn: r.unpaid_due_on, amountCents: num(r.unpaid_amount) } : null,
    missedInstalments:
      r.missed > 0 && r.missed_on
        ? { count: r.missed, lastMissedOn: r.missed_on, amountCents: num(r.missed_amount) }
        : null,
    openTasks: r.tasks ?? [],
    openDisputeOn: r.dispute_on,
  };
}

/**
 * Everything the score reads, for a set of files, in one statement. Days are the agency's calendar days
 * (timestamps are converted in its time zone); each sub-query reads only these files through its index.
 */
async function loadFacts(
  db: Runner,
  tenantId: string,
  selection: Selection,
  timeZone: string,
  today: string,
): Promise<FactsRow[]> {
  const t = Prisma.sql`${tenantId}::uuid`;
  return db.rows<FactsRow>(Prisma.sql`
    WITH f AS (
      SELECT id, status, phase, greatest(principal_cents - collected_cents, 0) AS at_stake, oldest_due_on,
             (placed_at AT TIME ZONE ${timeZone})::date AS placed_on,
             (last_contact_at AT TIME ZONE ${timeZone})::date AS last_contact_on,
             priority_score, attention_on, priority_reasons
        FROM case_file
       WHERE tenant_id = ${t} AND ${matches(selection, 'id')}
    ), p AS (
      SELECT file_id,
             min(due_on) FILTER (WHERE status = 'PENDING') AS pending_due_on,
             (array_agg(amount_cents ORDER BY due_on, created_at) FILTER (WHERE status = 'PENDING'))[1]
               AS pending_amount,
             count(*) FILTER (WHERE status = 'BROKEN')::int AS broken,
             count(*) FILTER (WHERE status = 'KEPT')::int AS kept,
             max(coalesce((resolved_at AT TIME ZONE ${timeZone})::date, due_on + 1))
               FILTER (WHERE status = 'BROKEN') AS broken_on,
             (array_agg(amount_cents ORDER BY coalesce(resolved_at, due_on + 1) DESC)
               FILTER (WHERE status = 'BROKEN'))[1] AS broken_amount
        FROM promise
       WHERE tenant_id = ${t} AND ${matches(selection, 'file_id')}
       GROUP BY file_id
    ), i AS (
      SELECT pp.file_id,
             min(pi.due_on) FILTER (WHERE pp.status = 'ACTIVE' AND pi.status IN ('DUE', 'LATE')) AS unpaid_due_on,
             (array_agg(pi.amount_cents - pi.paid_cents ORDER BY pi.due_on)
               FILTER (WHERE pp.status = 'ACTIVE' AND pi.status IN ('DUE', 'LATE')))[1] AS unpaid_amount,
             count(*) FILTER (WHERE pi.status = 'MISSED')::int AS missed,
             max(pi.due_on + pp.grace_days + 1) FILTER (WHERE pi.status = 'MISSED') AS missed_on,
             sum(pi.amount_cents - pi.paid_cents) FILTER (WHERE pi.status = 'MISSED') AS missed_amount
        FROM payment_plan pp
        JOIN plan_instalment pi ON pi.tenant_id = pp.tenant_id AND pi.plan_id = pp.id
       WHERE pp.tenant_id = ${t} AND ${matches(selection, 'pp.file_id')} AND pp.status IN ('ACTIVE', 'BROKEN')
       GROUP BY pp.file_id
    ), k AS (
      SELECT file_id,
             json_agg(json_build_object(
               'kind', kind, 'source', source,
               'dueOn', to_char(due_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD'),
               'dueTime', to_char(due_at AT TIME ZONE ${timeZone}, 'HH24:MI')) ORDER BY due_at) AS tasks
        FROM task
       WHERE tenant_id = ${t} AND status = 'OPEN' AND ${matches(selection, 'file_id')}
       GROUP BY file_id
    ), l AS (
      -- Limitation per claim (lib/compliance/limitation.ts): the next claim to become time-barred, else, once all
      -- are, the last one's date; a claim under a suspension has no date and brings none.
      SELECT file_id, min(limitation_on) FILTER (WHERE limitation_on >= ${today}::date) AS next_on,
             max(limitation_on) AS last_on, bool_or(limitation_on IS NULL) AS suspended
        FROM claim
       WHERE tenant_id = ${t} AND cancelled_at IS NULL AND ${matches(selection, 'file_id')}
       GROUP BY file_id
    ), d AS (
      SELECT file_id, min((opened_at AT TIME ZONE ${timeZone})::date) AS dispute_on
        FROM dispute
       WHERE tenant_id = ${t} AND status = 'OPEN' AND ${matches(selection, 'file_id')}
       GROUP BY file_id
    )
    SELECT f.id, f.status, f.phase, f.at_stake,
           to_char(f.oldest_due_on, 'YYYY-MM-DD') AS oldest_due_on,
           to_char(f.placed_on, 'YYYY-MM-DD') AS placed_on,
           to_char(f.last_contact_on, 'YYYY-MM-DD') AS last_contact_on,
           to_char(CASE WHEN l.suspended THEN l.next_on ELSE coalesce(l.next_on, l.last_on) END, 'YYYY-MM-DD')
             AS limitation_on,
           to_char(p.pending_due_on, 'YYYY-MM-DD') AS pending_due_on, p.pending_amount,
           coalesce(p.broken, 0) AS broken, coalesce(p.kept, 0) AS kept,
           to_char(p.broken_on, 'YYYY-MM-DD') AS broken_on, p.broken_amount,
           to_char(i.unpaid_due_on, 'YYYY-MM-DD') AS unpaid_due_on, i.unpaid_amount,
           coalesce(i.missed, 0) AS missed, to_char(i.missed_on, 'YYYY-MM-DD') AS missed_on, i.missed_amount,
           k.tasks, to_char(d.dispute_on, 'YYYY-MM-DD') AS dispute_on,
           f.priority_score AS cur_score, to_char(f.attention_on, 'YYYY-MM-DD') AS cur_attention_on,
           f.priority_reasons AS cur_reasons
      FROM f
      LEFT JOIN p ON p.file_id = f.id
      LEFT JOIN i ON i.file_id = f.id
      LEFT JOIN k ON k.file_id = f.id
      LEFT JOIN d ON d.file_id = f.id
      LEFT JOIN l ON l.file_id = f.id
     ORDER BY f.id`);
}

async function agencyTimeZone(db: Runner, tenantId: string): Promise<string> {
  const rows = await db.rows<{ time_zone: string }>(
    Prisma.sql`SELECT time_zone FROM agency WHERE id = ${tenantId}::uuid`,
  );
  return rows[0]?.time_zone ?? 'Europe/Paris';
}

/** JSON with its object keys sorted: jsonb hands keys back in its own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Scores the selected files and writes those whose rank moved; returns how many were read and written. */
async function refreshSelection(
  db: Runner,
  tenantId: string,
  selection: Selection,
  today: string,
  timeZone: string,
): Promise<{ read: number; written: number }> {
  // Row-level security makes the planner cost the facts statement far above jit_above_cost even for one
  // file; compiling it then takes seconds (measured 4.5 s for one file of a 1,000,000-file agency) for a
  // statement that runs in milliseconds. Off for the rest of this transaction: no OLTP statement gains from JIT.
  await db.run(Prisma.sql`SELECT set_config('jit', 'off', true)`);
  const rows = await loadFacts(db, tenantId, selection, timeZone, today);
  const changed = rows
    .map((r) => ({ row: r, rank: scoreFile(toFacts(r), today) }))
    .filter(
      ({ row, rank }) =>
        row.cur_score !== rank.score ||
        row.cur_attention_on !== rank.attentionOn ||
        canonical(row.cur_reasons) !== canonical(rank.reasons),
    );
  if (changed.length === 0) return { read: rows.length, written: 0 };
  // The nightly batch writes only where the rank is still the one it read: a use-case that refreshed a file
  // meanwhile did so from newer facts, and wins. A use-case's own refresh (a list of files) always writes.
  const unchangedSinceRead = !selection.nightly
    ? Prisma.sql`true`
    : Prisma.sql`f.priority_score = v.was_score AND f.attention_on IS NOT DISTINCT FROM v.was_attention_on
                   AND f.priority_reasons = v.was_reasons`;
  // Sent in id order (loadFacts sorts), the order a use-case locking several files would use too.
  const updated = await db.run(Prisma.sql`
    UPDATE case_file f
       SET priority_score = v.score, attention_on = v.attention_on, priority_reasons = v.reasons
      FROM unnest(${changed.map((c) => c.row.id)}::uuid[], ${changed.map((c) => c.rank.score)}::int[],
                  ${changed.map((c) => c.rank.attentionOn)}::date[],
                  ${changed.map((c) => JSON.stringify(c.rank.reasons))}::jsonb[],
                  ${changed.map((c) => c.row.cur_score)}::int[], ${changed.map((c) => c.row.cur_attention_on)}::date[],
                  ${changed.map((c) => JSON.stringify(c.row.cur_reasons))}::jsonb[])
           AS v(id, score, attention_on, reasons, was_score, was_attention_on, was_reasons)
     WHERE f.tenant_id = ${tenantId}::uuid AND f.id = v.id AND ${unchangedSinceRead}
       AND (f.priority_score, f.attention_on, f.priority_reasons)
           IS DISTINCT FROM (v.score, v.attention_on, v.reasons)`);
  return { read: rows.length, written: updated };
}

/**
 * Recomputes the rank of these files inside the caller's transaction: loads their facts with one statement,
 * scores them with the pure rules, and writes the ones whose rank moved with one UPDATE. The rank is derived
 * data, so it leaves `version` and `updated_at` alone: a nightly refresh must not look like someone's edit.
 * `tx` is a use-case's Prisma transaction, or pgTx() of the scenario engine's pg one.
 */
export async function refreshFiles(tx: RawTx, tenantId: string, fileIds: string[], today: string): Promise<void> {
  const ids = [...new Set(fileIds.map((id) => id.toLowerCase()))];
  if (ids.length === 0) return;
  const db = prismaRunner(tx);
  await refreshSelection(db, tenantId, { ids, nightly: false }, today, await agencyTimeZone(db, tenantId));
}

export interface RefreshProgress {
  done: number;
  total: number;
}

export interface RefreshTenantOptions {
  /** Files per transaction. */
  batchSize?: number;
  /** Defaults to the application's pool (lib/db/raw.ts; row-level security applies). */
  pool?: pg.Pool;
  onProgress?: (progress: RefreshProgress) => void | Promise<void>;
}

export interface RefreshSummary {
  files: number;
  /** Files whose rank moved (the others are left untouched). */
  written: number;
  batches: number;
  ms: number;
}

/**
 * The nightly recomputation of a whole agency, in batches of consecutive file ids, one transaction each, so
 * that agents working meanwhile are never blocked for long. Closed files whose rank is already cleared are
 * skipped; files whose rank did not move are not written. It runs on a plain pg connection (lib/db/raw.ts):
 * a cold batch of a large agency can outlast Prisma's interactive-transaction timeout.
 */
export async function refreshTenantQueue(
  tenantId: string,
  today: string,
  { batchSize = 5_000, pool, onProgress }: RefreshTenantOptions = {},
): Promise<RefreshSummary> {
  const started = performance.now();
  const scope = { tenantId };
  const options = pool ? { pool } : {};
  const { total, timeZone } = await inTenantRaw(
    scope,
    async (client) => {
      const db = pgRunner(client);
      const [count] = await db.rows<{ total: number }>(Prisma.sql`
        SELECT count(*)::int AS total FROM case_file WHERE tenant_id = ${tenantId}::uuid AND ${STILL_RANKED}`);
      return { total: count?.total ?? 0, timeZone: await agencyTimeZone(db, tenantId) };
    },
    options,
  );
  let after = '00000000-0000-0000-0000-000000000000';
  const summary = { files: 0, written: 0, batches: 0 };
  for (;;) {
    const batch = await inTenantRaw(
      scope,
      async (client) => {
        const db = pgRunner(client);
        const ids = await db.rows<{ id: string }>(Prisma.sql`
          SELECT id FROM case_file
           WHERE tenant_id = ${tenantId}::uuid AND id > ${after}::uuid AND ${STILL_RANKED}
           ORDER BY id LIMIT ${batchSize}`);
        if (ids.length === 0) return null;
        const selection = { ids: ids.map((r) => r.id), nightly: true };
        const done = await refreshSelection(db, tenantId, selection, today, timeZone);
        return { upTo: selection.ids[selection.ids.length - 1]!, n: selection.ids.length, ...done };
      },
      options,
    );
    if (!batch) break;
    after = batch.upTo;
    summary.files += batch.read;
    summary.written += batch.written;
    summary.batches += 1;
    await onProgress?.({ done: summary.files, total: Math.max(total, summary.files) });
    if (batch.n < batchSize) break;
  }
  return { ...summary, ms: Math.round(performance.now() - started) };
}
