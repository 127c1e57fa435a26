import { performance } from 'node:perf_hooks';
import type { PrismaClient } from '../db/generated/client';
import type { FilePhase, FileStatus } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { scoreFile, type FileFacts, type OpenTask } from './rules';

// The rank lives on case_file (priority_score, attention_on, priority_reasons) so the queue is an index scan.
// Every use-case that changes what the score reads calls refreshFiles in its own transaction; the nightly
// job calls refreshTenantQueue so that time passing (a promise falling due) moves files too.

interface FactsRow {
  id: string;
  status: FileStatus;
  phase: FilePhase;
  at_stake: bigint;
  oldest_due_on: string | null;
  placed_on: string;
  last_contact_on: string | null;
  limitation_on: string | null;
  pending_due_on: string | null;
  pending_amount: bigint | null;
  broken: number;
  kept: number;
  broken_on: string | null;
  broken_amount: bigint | null;
  unpaid_due_on: string | null;
  unpaid_amount: bigint | null;
  missed: number;
  missed_on: string | null;
  missed_amount: bigint | null;
  tasks: OpenTask[] | null;
  dispute_on: string | null;
}

const num = (v: bigint | number | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

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
async function loadFacts(tx: Tx, tenantId: string, ids: string[], timeZone: string): Promise<FactsRow[]> {
  return tx.$queryRaw<FactsRow[]>`
    WITH f AS (
      SELECT id, status, phase, greatest(principal_cents - collected_cents, 0) AS at_stake, oldest_due_on,
             (placed_at AT TIME ZONE ${timeZone})::date AS placed_on,
             (last_contact_at AT TIME ZONE ${timeZone})::date AS last_contact_on, limitation_on
        FROM case_file
       WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])
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
       WHERE tenant_id = ${tenantId}::uuid AND file_id = ANY(${ids}::uuid[])
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
       WHERE pp.tenant_id = ${tenantId}::uuid AND pp.file_id = ANY(${ids}::uuid[])
         AND pp.status IN ('ACTIVE', 'BROKEN')
       GROUP BY pp.file_id
    ), t AS (
      SELECT file_id,
             json_agg(json_build_object(
               'kind', kind, 'source', source,
               'dueOn', to_char(due_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD'),
               'dueTime', to_char(due_at AT TIME ZONE ${timeZone}, 'HH24:MI')) ORDER BY due_at) AS tasks
        FROM task
       WHERE tenant_id = ${tenantId}::uuid AND status = 'OPEN' AND file_id = ANY(${ids}::uuid[])
       GROUP BY file_id
    ), d AS (
      SELECT file_id, min((opened_at AT TIME ZONE ${timeZone})::date) AS dispute_on
        FROM dispute
       WHERE tenant_id = ${tenantId}::uuid AND status = 'OPEN' AND file_id = ANY(${ids}::uuid[])
       GROUP BY file_id
    )
    SELECT f.id, f.status, f.phase, f.at_stake,
           to_char(f.oldest_due_on, 'YYYY-MM-DD') AS oldest_due_on,
           to_char(f.placed_on, 'YYYY-MM-DD') AS placed_on,
           to_char(f.last_contact_on, 'YYYY-MM-DD') AS last_contact_on,
           to_char(f.limitation_on, 'YYYY-MM-DD') AS limitation_on,
           to_char(p.pending_due_on, 'YYYY-MM-DD') AS pending_due_on, p.pending_amount,
           coalesce(p.broken, 0) AS broken, coalesce(p.kept, 0) AS kept,
           to_char(p.broken_on, 'YYYY-MM-DD') AS broken_on, p.broken_amount,
           to_char(i.unpaid_due_on, 'YYYY-MM-DD') AS unpaid_due_on, i.unpaid_amount,
           coalesce(i.missed, 0) AS missed, to_char(i.missed_on, 'YYYY-MM-DD') AS missed_on, i.missed_amount,
           t.tasks, to_char(d.dispute_on, 'YYYY-MM-DD') AS dispute_on
      FROM f
      LEFT JOIN p ON p.file_id = f.id
      LEFT JOIN i ON i.file_id = f.id
      LEFT JOIN t ON t.file_id = f.id
      LEFT JOIN d ON d.file_id = f.id`;
}

async function agencyTimeZone(tx: Tx, tenantId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ time_zone: string }[]>`
    SELECT time_zone FROM agency WHERE id = ${tenantId}::uuid`;
  return rows[0]?.time_zone ?? 'Europe/Paris';
}

/**
 * Recomputes the rank of these files inside the caller's transaction: loads their facts with one statement,
 * scores them with the pure rules, and writes the changed ones with one UPDATE. The rank is derived data,
 * so it leaves `version` and `updated_at` alone: a nightly refresh must not look like someone's edit.
 */
export async function refreshFiles(tx: Tx, tenantId: string, fileIds: string[], today: string): Promise<void> {
  // Sorted, so that concurrent refreshes lock shared rows in the same order and cannot deadlock.
  const ids = [...new Set(fileIds.map((id) => id.toLowerCase()))].sort();
  if (ids.length === 0) return;
  const rows = await loadFacts(tx, tenantId, ids, await agencyTimeZone(tx, tenantId));
  if (rows.length === 0) return;
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const scored = rows.map((r) => ({ id: r.id, ...scoreFile(toFacts(r), today) }));
  const reasons = scored.map((s) => JSON.stringify(s.reasons));
  await tx.$executeRaw`
    UPDATE case_file f
       SET priority_score = v.score, attention_on = v.attention_on, priority_reasons = v.reasons
      FROM unnest(${scored.map((s) => s.id)}::uuid[], ${scored.map((s) => s.score)}::int[],
                  ${scored.map((s) => s.attentionOn)}::date[], ${reasons}::jsonb[])
           AS v(id, score, attention_on, reasons)
     WHERE f.tenant_id = ${tenantId}::uuid AND f.id = v.id
       AND (f.priority_score, f.attention_on, f.priority_reasons)
           IS DISTINCT FROM (v.score, v.attention_on, v.reasons)`;
}

export interface RefreshProgress {
  done: number;
  total: number;
}

export interface RefreshTenantOptions {
  /** Files per transaction. */
  batchSize?: number;
  /** Defaults to the application's client (row-level security applies). */
  client?: PrismaClient;
  onProgress?: (progress: RefreshProgress) => void | Promise<void>;
}

export interface RefreshSummary {
  files: number;
  batches: number;
  ms: number;
}

/**
 * The nightly recomputation of a whole agency, in batches of files taken in id order, one short
 * transaction each, so that agents working meanwhile are never blocked for long. Closed files whose rank
 * is already cleared are skipped.
 */
export async function refreshTenantQueue(
  tenantId: string,
  today: string,
  { batchSize = 5_000, client, onProgress }: RefreshTenantOptions = {},
): Promise<RefreshSummary> {
  const started = performance.now();
  const scope = { tenantId };
  const [{ total }] = await inTenant(
    scope,
    (tx) => tx.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM case_file
       WHERE tenant_id = ${tenantId}::uuid
         AND (phase <> 'CLOSED' OR attention_on IS NOT NULL OR priority_score <> 0)`,
    client,
  ).then((rows) => rows as [{ total: number }]);
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  let batches = 0;
  for (;;) {
    const count = await inTenant(
      scope,
      async (tx) => {
        const ids = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM case_file
           WHERE tenant_id = ${tenantId}::uuid AND id > ${after}::uuid
             AND (phase <> 'CLOSED' OR attention_on IS NOT NULL OR priority_score <> 0)
           ORDER BY id LIMIT ${batchSize}`;
        if (ids.length === 0) return 0;
        after = ids[ids.length - 1]!.id;
        await refreshFiles(
          tx,
          tenantId,
          ids.map((r) => r.id),
          today,
        );
        return ids.length;
      },
      client,
    );
    if (count === 0) break;
    done += count;
    batches += 1;
    await onProgress?.({ done, total: Math.max(total, done) });
    if (count < batchSize) break;
  }
  return { files: done, batches, ms: Math.round(performance.now() - started) };
}
