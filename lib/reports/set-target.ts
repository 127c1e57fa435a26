import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { REPORT_MESSAGES as M, setTargetSchema } from './schemas';

export interface SetTargetOptions {
  actor: Actor;
  ip?: string;
  /** agentId, metric, period, target (euros for COLLECTED), validFrom: parsed by setTargetSchema. */
  [field: string]: unknown;
}

export interface SetTargetResult {
  agentId: string;
  metric: string;
  period: string;
  target: number;
  validFrom: string;
}

/**
 * Sets an agent's target for a metric from a day on (the same day again replaces it): it applies until the
 * next target of that metric. Dashboards spread it over working days (lib/reports/rules.ts targetOverSpan).
 */
export async function setTarget({ actor, ip, ...input }: SetTargetOptions): Promise<SetTargetResult> {
  authorize(actor, 'targets.manage');
  const t = parseInput(setTargetSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const agent = await tx.membership.findFirst({
      where: { tenantId: actor.tenantId, id: t.agentId, role: { not: 'CREDITOR' } },
      select: { id: true },
    });
    if (!agent) throw AppError.invalid({ agentId: M.unknownAgent });
    const validFrom = new Date(`${t.validFrom}T00:00:00Z`);
    const data = { period: t.period, target: BigInt(t.targetValue), setBy: actor.membershipId, setAt: new Date() };
    await tx.agentTarget.upsert({
      where: {
        tenantId_agentId_metric_validFrom: {
          tenantId: actor.tenantId,
          agentId: t.agentId,
          metric: t.metric,
          validFrom,
        },
      },
      create: { tenantId: actor.tenantId, agentId: t.agentId, metric: t.metric, validFrom, ...data },
      update: data,
    });
    await recordAudit(tx, actor, {
      action: 'target.set',
      entity: 'agent_target',
      entityId: `${t.agentId}:${t.metric}:${t.validFrom}`,
      ip,
      details: {
        agentId: t.agentId,
        metric: t.metric,
        period: t.period,
        target: t.targetValue,
        validFrom: t.validFrom,
      },
    });
    return { agentId: t.agentId, metric: t.metric, period: t.period, target: t.targetValue, validFrom: t.validFrom };
  });
}

export interface TargetListRow {
  agentId: string;
  agentName: string;
  metric: string;
  period: string;
  target: number;
  validFrom: string;
  setAt: string;
}

/** Every target of the agency, newest first per agent and metric (the targets page). */
export async function listTargets({ actor }: { actor: Actor }): Promise<{
  targets: TargetListRow[];
  agents: { id: string; name: string; role: string }[];
}> {
  authorize(actor, 'targets.manage');
  return inTenant(scopeOf(actor), async (tx) => {
    const staff = await tx.membership.findMany({
      where: { tenantId: actor.tenantId, role: { not: 'CREDITOR' }, active: true },
      select: { id: true, role: true, identityId: true },
    });
    const identities = await tx.identity.findMany({
      where: { id: { in: staff.map((s) => s.identityId) } },
      select: { id: true, name: true },
    });
    const nameOf = new Map(identities.map((i) => [i.id, i.name]));
    const agents = staff
      .map((s) => ({ id: s.id, name: nameOf.get(s.identityId) ?? s.id, role: s.role as string }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const rows = await tx.agentTarget.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: [{ agentId: 'asc' }, { metric: 'asc' }, { validFrom: 'desc' }],
    });
    return {
      agents,
      targets: rows.map((r) => ({
        agentId: r.agentId,
        agentName: names.get(r.agentId) ?? r.agentId,
        metric: r.metric,
        period: r.period,
        target: Number(r.target),
        validFrom: r.validFrom.toISOString().slice(0, 10),
        setAt: r.setAt.toISOString(),
      })),
    };
  });
}
