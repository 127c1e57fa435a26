import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { DESIGN_MESSAGES as M } from './messages';
import { publishRefSchema, scenarioDraftSchema } from './schemas';
import { parseDraft } from './parse-draft';
import { archivedConflict, checkCreditors, lockScenario } from './scenario-lock';

export interface PublishVersionOptions {
  actor: Actor;
  versionId: unknown;
  /** The draft's revision as the manager saw it: what gets published is exactly what they reviewed. */
  revision: unknown;
  ip?: string;
}

export interface PublishedVersion {
  scenarioId: string;
  versionId: string;
  version: number;
  publishedAt: string;
}

/**
 * Publishes a draft. From then on it never changes (a database trigger refuses it too), and it is the
 * version of its scenario that newly placed files get (lib/scenarios/rules.ts `chooseScenario` reads the
 * latest published version of each scenario). Files already running keep the version they started with:
 * file_scenario points at a version row, which publishing does not touch.
 */
export async function publishVersion({
  actor,
  versionId,
  revision,
  ip,
}: PublishVersionOptions): Promise<PublishedVersion> {
  authorize(actor, 'scenarios.manage');
  const ref = parseInput(publishRefSchema, { versionId, revision });
  return inTenant(scopeOf(actor), async (tx) => {
    const found = await tx.scenarioVersion.findFirst({
      where: { tenantId: actor.tenantId, id: ref.versionId },
      select: { scenarioId: true },
    });
    if (!found) throw AppError.notFound();
    const scenario = await lockScenario(tx, actor.tenantId, found.scenarioId);
    // Read again under the lock: a save or a publish may have got there first.
    const draft = await tx.scenarioVersion.findFirstOrThrow({ where: { tenantId: actor.tenantId, id: ref.versionId } });
    if (scenario.archivedAt) throw archivedConflict();
    if (draft.publishedAt) throw new AppError('CONFLICT', M.alreadyPublished);
    if (draft.revision !== ref.revision) throw new AppError('CONFLICT', M.staleDraft);
    // Drafts are validated when saved; a draft written some other way (SQL, an older schema) is checked again.
    const content = parseDraft(scenarioDraftSchema, {
      name: scenario.name,
      description: scenario.description,
      priority: draft.priority,
      steps: draft.steps,
      rules: draft.rules,
    });
    await checkCreditors(tx, actor.tenantId, content.rules.creditorIds);

    const previous = await tx.scenarioVersion.findFirst({
      where: { tenantId: actor.tenantId, scenarioId: scenario.id, publishedAt: { not: null } },
      orderBy: { version: 'desc' },
      select: { id: true, version: true },
    });
    const running = previous
      ? await tx.fileScenario.count({
          where: { tenantId: actor.tenantId, scenarioVersionId: previous.id, state: { in: ['RUNNING', 'PAUSED'] } },
        })
      : 0;
    const now = new Date();
    await tx.scenarioVersion.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: draft.id } },
      data: { publishedAt: now, updatedAt: now },
    });
    await tx.scenario.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: scenario.id } },
      data: { updatedAt: now },
    });
    await recordAudit(tx, actor, {
      action: 'scenario.published',
      entity: 'scenario',
      entityId: scenario.id,
      ip,
      details: {
        name: scenario.name,
        version: draft.version,
        versionId: draft.id,
        steps: content.steps.length,
        replaces: previous?.version ?? null,
        // Files that stay on the version this one replaces, as the law of the version they started with.
        runningOnReplaced: running,
      },
    });
    return { scenarioId: scenario.id, versionId: draft.id, version: draft.version, publishedAt: now.toISOString() };
  });
}
