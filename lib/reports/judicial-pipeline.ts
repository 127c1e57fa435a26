import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { pipelineByRoute, type RoutePipeline } from './rules';

/**
 * The judicial pipeline for the managers' view: per route, procedures by stage, success rate, time to title, costs
 * against money collected and deadlines at risk — read from judicial_fact only (decision 0003), as of the day the
 * summaries were computed for.
 */
export async function judicialPipeline({ actor }: { actor: Actor }): Promise<{
  asOf: string | null;
  routes: RoutePipeline[];
}> {
  authorize(actor, 'dashboards.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const rows = await tx.judicialFact.findMany({ where: { tenantId: actor.tenantId } });
    const state = await tx.reportState.findFirst({ where: { tenantId: actor.tenantId }, select: { asOf: true } });
    return {
      asOf: state?.asOf ? state.asOf.toISOString().slice(0, 10) : null,
      routes: pipelineByRoute(
        rows.map((r) => ({
          route: r.route,
          stage: r.stage,
          outcome: r.outcome,
          procedures: r.procedures,
          titled: r.titled,
          daysToTitle: r.daysToTitle,
          costsCents: Number(r.costsCents),
          collectedCents: Number(r.collectedCents),
          deadlinesAtRisk: r.deadlinesAtRisk,
          deadlinesLapsed: r.deadlinesLapsed,
        })),
      ),
    };
  });
}
