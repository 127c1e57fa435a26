import { recordAudit } from '../audit/record-audit';
import { Prisma } from '../db/generated/client';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { QUEUE_MESSAGES as M } from './messages';
import { assignableMember } from './queries';
import { reassign } from './reassign';
import { assignFilesSchema, type AssignFilesInput } from './schemas';

export interface AssignFilesOptions {
  actor: Actor;
  input: unknown;
  ip?: string;
}

/** One assignment moves at most this many files: it runs in one short transaction (QUEUE_MESSAGES.tooMany). */
export const MAX_FILES_PER_ASSIGNMENT = 20_000;

async function selection(tx: Tx, tenantId: string, cmd: AssignFilesInput): Promise<Prisma.Sql> {
  switch (cmd.mode) {
    case 'files': {
      const { ids, references } = cmd.fileIds;
      const found = await tx.$queryRaw<{ id: string; reference: string }[]>`
        SELECT id, reference FROM case_file
         WHERE tenant_id = ${tenantId}::uuid AND (id = ANY(${ids}::uuid[]) OR reference = ANY(${references}::text[]))`;
      const known = new Set(found.flatMap((f) => [f.id, f.reference]));
      const missing = [...ids, ...references].filter((x) => !known.has(x));
      if (missing.length > 0) {
        throw new AppError('NOT_FOUND', {
          key: 'errors.queue.filesNotFound',
          values: { files: missing.slice(0, 10).join(', ') },
        });
      }
      return Prisma.sql`id = ANY(${found.map((f) => f.id)}::uuid[])`;
    }
    case 'creditor': {
      const creditor = await tx.creditor.findFirst({ where: { tenantId, id: cmd.creditorId }, select: { id: true } });
      if (!creditor) throw AppError.notFound();
      const unassigned = cmd.only === 'unassigned' ? Prisma.sql`assignee_id IS NULL` : Prisma.sql`true`;
      return Prisma.sql`creditor_id = ${creditor.id}::uuid AND ${unassigned}`;
    }
    case 'rule': {
      const where: Prisma.Sql[] = [];
      if (cmd.creditorId) {
        const creditor = await tx.creditor.findFirst({
          where: { tenantId, id: cmd.creditorId },
          select: { id: true },
        });
        if (!creditor) throw AppError.notFound();
        where.push(Prisma.sql`creditor_id = ${creditor.id}::uuid`);
      }
      if (cmd.phase) where.push(Prisma.sql`phase = ${cmd.phase}::"FilePhase"`);
      const atStake = Prisma.sql`greatest(principal_cents - collected_cents, 0)`;
      if (cmd.minAmount !== undefined) where.push(Prisma.sql`${atStake} >= ${cmd.minAmount}`);
      if (cmd.maxAmount !== undefined) where.push(Prisma.sql`${atStake} <= ${cmd.maxAmount}`);
      if (cmd.only === 'unassigned') where.push(Prisma.sql`assignee_id IS NULL`);
      return Prisma.join(where, ' AND ');
    }
  }
}

function auditDetails(cmd: AssignFilesInput, count: number) {
  const base = { mode: cmd.mode, agentId: cmd.agentId, count };
  if (cmd.mode === 'files') return { ...base, listed: cmd.fileIds.ids.length + cmd.fileIds.references.length };
  if (cmd.mode === 'creditor') return { ...base, creditorId: cmd.creditorId, only: cmd.only };
  return {
    ...base,
    creditorId: cmd.creditorId ?? null,
    phase: cmd.phase ?? null,
    minAmountCents: cmd.minAmount ?? null,
    maxAmountCents: cmd.maxAmount ?? null,
    only: cmd.only,
  };
}

/**
 * A manager gives files to a staff member: listed files, a creditor's files, or the open files a rule
 * picks. Closed files and files the member already holds are left alone; the count says how many moved.
 */
export async function assignFiles({ actor, input, ip }: AssignFilesOptions): Promise<{ count: number }> {
  authorize(actor, 'files.assign');
  const cmd = parseInput(assignFilesSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const agent = await assignableMember(tx, actor.tenantId, cmd.agentId);
    const filter = await selection(tx, actor.tenantId, cmd);
    // Locked in id order: an agent's use-case touching one of them waits instead of writing over the move.
    const targets = await tx.$queryRaw<{ id: string; assignee_id: string | null }[]>`
      SELECT id, assignee_id FROM case_file
       WHERE tenant_id = ${actor.tenantId}::uuid AND phase <> 'CLOSED'
         AND assignee_id IS DISTINCT FROM ${agent.id}::uuid AND ${filter}
       ORDER BY id
       LIMIT ${MAX_FILES_PER_ASSIGNMENT + 1}
         FOR UPDATE`;
    if (targets.length > MAX_FILES_PER_ASSIGNMENT) {
      throw AppError.invalid({ mode: M.tooMany });
    }
    const moved = await reassign(
      tx,
      actor,
      targets.map((t) => ({ fileId: t.id, from: t.assignee_id, to: agent.id })),
      'assignment',
    );
    await recordAudit(tx, actor, {
      action: 'files.assigned',
      entity: 'membership',
      entityId: agent.id,
      ip,
      details: auditDetails(cmd, moved.length),
    });
    return { count: moved.length };
  });
}
