import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { assignableMember } from './queries';
import { reassign } from './reassign';
import { planRebalance, type Load, type Move } from './rebalance-plan';
import { rebalanceLoadSchema } from './schemas';

export interface RebalanceLoadOptions {
  actor: Actor;
  input: unknown;
  ip?: string;
}

export interface RebalanceResult {
  dryRun: boolean;
  moves: (Move & { reference: string })[];
  before: (Load & { name: string })[];
  after: (Load & { name: string })[];
  /** Files actually moved (0 in a dry run; fewer than planned if some moved meanwhile). */
  applied: number;
}

/**
 * Evens out the open files of the chosen staff members by amount still owed, moving as few files as it can
 * (rebalance-plan.ts). A dry run returns the moves for the manager to review; applying computes the plan
 * again from the current data and moves only files still held where the plan found them.
 */
export async function rebalanceLoad({ actor, input, ip }: RebalanceLoadOptions): Promise<RebalanceResult> {
  authorize(actor, 'files.assign');
  const cmd = parseInput(rebalanceLoadSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const members = [];
    for (const id of cmd.agentIds) members.push(await assignableMember(tx, actor.tenantId, id));
    const names = new Map(members.map((m) => [m.id, m.name]));
    const files = await tx.$queryRaw<{ id: string; reference: string; agent_id: string; amount: bigint }[]>`
      SELECT id, reference, assignee_id AS agent_id, greatest(principal_cents - collected_cents, 0) AS amount
        FROM case_file
       WHERE tenant_id = ${actor.tenantId}::uuid AND phase <> 'CLOSED'
         AND assignee_id = ANY(${members.map((m) => m.id)}::uuid[])`;
    const references = new Map(files.map((f) => [f.id, f.reference]));
    const plan = planRebalance(
      members.map((m) => m.id),
      files.map((f) => ({ id: f.id, agentId: f.agent_id, amountCents: Number(f.amount) })),
    );
    const named = (loads: Load[]) => loads.map((l) => ({ ...l, name: names.get(l.agentId) ?? '' }));
    const result: RebalanceResult = {
      dryRun: cmd.dryRun,
      moves: plan.moves.map((m) => ({ ...m, reference: references.get(m.fileId) ?? '' })),
      before: named(plan.before),
      after: named(plan.after),
      applied: 0,
    };
    if (cmd.dryRun) return result;

    const moved = await reassign(
      tx,
      actor,
      plan.moves.map((m) => ({ fileId: m.fileId, from: m.from, to: m.to })),
      'rebalance',
    );
    await recordAudit(tx, actor, {
      action: 'files.rebalanced',
      entity: 'agency',
      entityId: actor.tenantId,
      ip,
      details: { agents: cmd.agentIds.join(','), planned: plan.moves.length, moved: moved.length },
    });
    return { ...result, applied: moved.length };
  });
}
