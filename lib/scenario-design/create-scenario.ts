import { recordAudit } from '../audit/record-audit';
import type { Prisma } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { newScenarioSchema } from './schemas';
import { parseDraft } from './parse-draft';
import { checkCreditors } from './scenario-lock';

export interface CreateScenarioOptions {
  actor: Actor;
  /** Name and description; steps, rules and priority are optional (one letter on placement day, no rules). */
  input: unknown;
  ip?: string;
}

export interface CreatedScenario {
  id: string;
  versionId: string;
  version: number;
  revision: number;
}

/**
 * Starts a scenario with a first draft version (version 1). Nothing runs until a version is published, so a
 * new scenario never takes a file by surprise.
 */
export async function createScenario({ actor, input, ip }: CreateScenarioOptions): Promise<CreatedScenario> {
  authorize(actor, 'scenarios.manage');
  const draft = parseDraft(newScenarioSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    await checkCreditors(tx, actor.tenantId, draft.rules.creditorIds);
    const now = new Date();
    const scenario = await tx.scenario.create({
      data: {
        tenantId: actor.tenantId,
        name: draft.name,
        description: draft.description,
        createdBy: actor.membershipId,
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    const version = await tx.scenarioVersion.create({
      data: {
        tenantId: actor.tenantId,
        scenarioId: scenario.id,
        version: 1,
        steps: draft.steps as Prisma.InputJsonValue,
        rules: draft.rules as Prisma.InputJsonValue,
        priority: draft.priority,
        createdBy: actor.membershipId,
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true, version: true, revision: true },
    });
    await recordAudit(tx, actor, {
      action: 'scenario.created',
      entity: 'scenario',
      entityId: scenario.id,
      ip,
      details: { name: draft.name, version: 1, versionId: version.id, steps: draft.steps.length },
    });
    return { id: scenario.id, versionId: version.id, version: version.version, revision: version.revision };
  });
}
