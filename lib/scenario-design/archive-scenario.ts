import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { DESIGN_MESSAGES as M } from './messages';
import { scenarioRefSchema } from './schemas';
import { lockScenario } from './scenario-lock';

export interface ArchiveScenarioOptions {
  actor: Actor;
  scenarioId: unknown;
  ip?: string;
}

/**
 * Retires a scenario: no new file gets it and it can no longer be edited or published. Files already running
 * it go on to the end of their version (stopping them is a decision per file, not a side effect of tidying
 * up the list). History stays: versions are never deleted.
 */
export async function archiveScenario({
  actor,
  scenarioId,
  ip,
}: ArchiveScenarioOptions): Promise<{ id: string; archivedAt: string; runningFiles: number }> {
  authorize(actor, 'scenarios.manage');
  const ref = parseInput(scenarioRefSchema, { scenarioId });
  return inTenant(scopeOf(actor), async (tx) => {
    const scenario = await lockScenario(tx, actor.tenantId, ref.scenarioId);
    if (scenario.archivedAt) throw new AppError('CONFLICT', M.alreadyArchived);
    const runningFiles = await tx.fileScenario.count({
      where: { tenantId: actor.tenantId, version: { scenarioId: scenario.id }, state: { in: ['RUNNING', 'PAUSED'] } },
    });
    const now = new Date();
    await tx.scenario.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: scenario.id } },
      data: { archivedAt: now, updatedAt: now },
    });
    await recordAudit(tx, actor, {
      action: 'scenario.archived',
      entity: 'scenario',
      entityId: scenario.id,
      ip,
      details: { name: scenario.name, runningFiles },
    });
    return { id: scenario.id, archivedAt: now.toISOString(), runningFiles };
  });
}
