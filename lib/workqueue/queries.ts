import { Prisma } from '../db/generated/client';
import type { FilePhase, FileStatus, Role, TaskKind } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { agencyToday } from '../dates/agency-clock';
import type { Reason } from './rules';
import { nextFileSchema, queueQuerySchema } from './schemas';

/** Staff who can hold files: a manager may keep a portfolio of their own. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['AGENT', 'MANAGER'];

/**
 * Counting a long queue to the end costs more than the page itself (350 ms, cold, to count 5,000 due files of
 * one agent among 1,000,000): the count stops here and the screen says "more than 500".
 */
export const QUEUE_COUNT_CAP = 500;

export type NextItem =
  { kind: 'task'; taskKind: TaskKind; dueAt: string } | { kind: 'promise'; dueOn: string; amountCents: number };

export interface QueueItem {
  id: string;
  reference: string;
  debtorName: string;
  creditorName: string;
  status: FileStatus;
  phase: FilePhase;
  currency: string;
  amountAtStakeCents: number;
  oldestDueOn: string | null;
  lastContactAt: string | null;
  attentionOn: string;
  score: number;
  reasons: Reason[];
  /** The file's next dated item: its earliest open task, or else its earliest pending promise. */
  next: NextItem | null;
}

export interface QueuePage {
  agent: { id: string; name: string; self: boolean };
  today: string;
  items: QueueItem[];
  /** Files due, counted up to QUEUE_COUNT_CAP. */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface StaffMember {
  id: string;
  name: string;
  role: Role;
}

/** A staff member of the actor's agency who can hold files; anything else (another agency's) is not found. */
export async function assignableMember(tx: Tx, tenantId: string, membershipId: string): Promise<StaffMember> {
  const rows = await tx.$queryRaw<StaffMember[]>`
    SELECT m.id, i.name, m.role FROM membership m JOIN identity i ON i.id = m.identity_id
     WHERE m.tenant_id = ${tenantId}::uuid AND m.id = ${membershipId}::uuid AND m.active
       AND m.role::text = ANY(${[...ASSIGNABLE_ROLES]}::text[])`;
  if (!rows[0]) throw AppError.notFound();
  return rows[0];
}

/** Own queue with 'queue.read'; someone else's needs 'files.assign' (managers). */
async function queueOwner(tx: Tx, actor: Actor, agentId: string | undefined) {
  if (!agentId || agentId === actor.membershipId) {
    return { id: actor.membershipId, name: actor.name, self: true };
  }
  authorize(actor, 'files.assign');
  const member = await assignableMember(tx, actor.tenantId, agentId);
  return { id: member.id, name: member.name, self: false };
}

interface QueueRow {
  id: string;
  reference: string;
  debtorName: string;
  creditorName: string;
  status: FileStatus;
  phase: FilePhase;
  currency: string;
  atStake: bigint;
  oldestDueOn: string | null;
  lastContactAt: Date | null;
  attentionOn: string;
  score: number;
  reasons: Reason[];
  taskKind: TaskKind | null;
  taskDueAt: Date | null;
  promiseDueOn: string | null;
  promiseAmount: bigint | null;
}

function nextItem(r: QueueRow): NextItem | null {
  if (r.taskKind && r.taskDueAt) return { kind: 'task', taskKind: r.taskKind, dueAt: r.taskDueAt.toISOString() };
  if (r.promiseDueOn) return { kind: 'promise', dueOn: r.promiseDueOn, amountCents: Number(r.promiseAmount ?? 0) };
  return null;
}

/**
 * The files assigned to an agent that need them today, highest rank first. The filter repeats the
 * partial index's predicate so the planner reads case_file_work_queue_idx in score order and stops at the page.
 */
export async function workQueue(actor: Actor, input: unknown = {}): Promise<QueuePage> {
  authorize(actor, 'queue.read');
  const q = parseInput(queueQuerySchema, input ?? {});
  return inTenant(scopeOf(actor), async (tx) => {
    const agent = await queueOwner(tx, actor, q.agentId);
    const today = await agencyToday(tx, actor.tenantId);
    const offset = (q.page - 1) * q.pageSize;
    const rows = await tx.$queryRaw<QueueRow[]>`
      SELECT f.id, f.reference, d.display_name AS "debtorName", cr.name AS "creditorName", f.status, f.phase,
             f.currency, greatest(f.principal_cents - f.collected_cents, 0) AS "atStake",
             to_char(f.oldest_due_on, 'YYYY-MM-DD') AS "oldestDueOn", f.last_contact_at AS "lastContactAt",
             to_char(f.attention_on, 'YYYY-MM-DD') AS "attentionOn", f.priority_score AS score,
             f.priority_reasons AS reasons, nt.kind AS "taskKind", nt.due_at AS "taskDueAt",
             to_char(np.due_on, 'YYYY-MM-DD') AS "promiseDueOn", np.amount_cents AS "promiseAmount"
        FROM (SELECT * FROM case_file
               WHERE tenant_id = ${actor.tenantId}::uuid AND assignee_id = ${agent.id}::uuid
                 AND phase <> 'CLOSED' AND attention_on IS NOT NULL AND attention_on <= ${today}::date
               ORDER BY priority_score DESC, id
               LIMIT ${q.pageSize} OFFSET ${offset}) f
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
        JOIN creditor cr ON cr.tenant_id = f.tenant_id AND cr.id = f.creditor_id
        LEFT JOIN LATERAL (
          SELECT kind, due_at FROM task t
           WHERE t.tenant_id = f.tenant_id AND t.file_id = f.id AND t.status = 'OPEN'
           ORDER BY due_at LIMIT 1) nt ON true
        LEFT JOIN LATERAL (
          SELECT due_on, amount_cents FROM promise p
           WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id AND p.status = 'PENDING'
           ORDER BY due_on LIMIT 1) np ON true
       ORDER BY f.priority_score DESC, f.id`;
    const [{ n }] = (await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM case_file
         WHERE tenant_id = ${actor.tenantId}::uuid AND assignee_id = ${agent.id}::uuid
           AND phase <> 'CLOSED' AND attention_on IS NOT NULL AND attention_on <= ${today}::date
         LIMIT ${QUEUE_COUNT_CAP + 1}) due`) as [{ n: number }];
    return {
      agent,
      today,
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        debtorName: r.debtorName,
        creditorName: r.creditorName,
        status: r.status,
        phase: r.phase,
        currency: r.currency,
        amountAtStakeCents: Number(r.atStake),
        oldestDueOn: r.oldestDueOn,
        lastContactAt: r.lastContactAt ? r.lastContactAt.toISOString() : null,
        attentionOn: r.attentionOn,
        score: r.score,
        reasons: r.reasons,
        next: nextItem(r),
      })),
      total: Math.min(n, QUEUE_COUNT_CAP),
      totalCapped: n > QUEUE_COUNT_CAP,
      page: q.page,
      pageSize: q.pageSize,
    };
  });
}

/**
 * The next file for the actor to open. From a file still in their queue, the one ranked just below it (then
 * round to the top); from a file that has left the queue (its outcome was logged), the top of the queue.
 * Null when nothing else is due.
 */
export async function nextFileId(actor: Actor, afterFileId?: unknown): Promise<string | null> {
  authorize(actor, 'queue.read');
  const { afterFileId: after } = parseInput(nextFileSchema, { afterFileId });
  return inTenant(scopeOf(actor), async (tx) => {
    const today = await agencyToday(tx, actor.tenantId);
    const inQueue = (extra: ReturnType<typeof rankedAfter>) => tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM case_file
       WHERE tenant_id = ${actor.tenantId}::uuid AND assignee_id = ${actor.membershipId}::uuid
         AND phase <> 'CLOSED' AND attention_on IS NOT NULL AND attention_on <= ${today}::date
         AND ${extra}
       ORDER BY priority_score DESC, id LIMIT 1`;
    if (!after) return (await inQueue(rankedAfter(null)))[0]?.id ?? null;
    const [current] = await tx.$queryRaw<{ id: string; score: number }[]>`
      SELECT id, priority_score AS score FROM case_file
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${after}::uuid AND assignee_id = ${actor.membershipId}::uuid
         AND phase <> 'CLOSED' AND attention_on IS NOT NULL AND attention_on <= ${today}::date`;
    const below = current ? (await inQueue(rankedAfter(current)))[0]?.id : undefined;
    return below ?? (await inQueue(rankedAfter(null, after)))[0]?.id ?? null;
  });
}

/** Files ranked after `current` in queue order (score descending, then id), or all but `except`. */
function rankedAfter(current: { id: string; score: number } | null, except?: string): Prisma.Sql {
  if (current) {
    return Prisma.sql`(priority_score < ${current.score}
      OR (priority_score = ${current.score} AND id > ${current.id}::uuid))`;
  }
  return except ? Prisma.sql`id <> ${except}::uuid` : Prisma.sql`true`;
}

export interface AgentLoad {
  id: string;
  name: string;
  role: Role;
  files: number;
  amountCents: number;
  /** Files in their queue today. */
  due: number;
}

export interface AssignmentOverview {
  today: string;
  agents: AgentLoad[];
  unassigned: { files: number; amountCents: number };
}

/** Open files and amount still owed per staff member, for the manager's assignment screen. */
export async function assignmentOverview(actor: Actor): Promise<AssignmentOverview> {
  authorize(actor, 'files.assign');
  return inTenant(scopeOf(actor), async (tx) => {
    const today = await agencyToday(tx, actor.tenantId);
    const rows = await tx.$queryRaw<
      { id: string | null; files: number; amount: bigint; due: number }[]
    >`SELECT assignee_id AS id, count(*)::int AS files,
             coalesce(sum(greatest(principal_cents - collected_cents, 0)), 0)::bigint AS amount,
             (count(*) FILTER (WHERE attention_on <= ${today}::date))::int AS due
        FROM case_file
       WHERE tenant_id = ${actor.tenantId}::uuid AND phase <> 'CLOSED'
       GROUP BY assignee_id`;
    const staff = await staffOf(tx, actor.tenantId);
    const load = new Map(rows.map((r) => [r.id, r]));
    const none = load.get(null);
    return {
      today,
      agents: staff.map((m) => {
        const r = load.get(m.id);
        return { ...m, files: r?.files ?? 0, amountCents: Number(r?.amount ?? 0), due: r?.due ?? 0 };
      }),
      unassigned: { files: none?.files ?? 0, amountCents: Number(none?.amount ?? 0) },
    };
  });
}

function staffOf(tx: Tx, tenantId: string): Promise<StaffMember[]> {
  return tx.$queryRaw<StaffMember[]>`
    SELECT m.id, i.name, m.role FROM membership m JOIN identity i ON i.id = m.identity_id
     WHERE m.tenant_id = ${tenantId}::uuid AND m.active AND m.role::text = ANY(${[...ASSIGNABLE_ROLES]}::text[])
     ORDER BY i.name, m.id`;
}

/** Staff members files can be given to, for the manager's pickers. */
export async function listAssignableStaff(actor: Actor): Promise<StaffMember[]> {
  authorize(actor, 'files.assign');
  return inTenant(scopeOf(actor), (tx) => staffOf(tx, actor.tenantId));
}
