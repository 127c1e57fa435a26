import { recordAudit } from '../audit/record-audit';
import type { Prisma } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { DESIGN_MESSAGES as M } from './messages';
import { draftBaseSchema, scenarioDraftSchema } from './schemas';
import { parseDraft } from './parse-draft';
import { archivedConflict, checkCreditors, lockScenario } from './scenario-lock';

export interface SaveDraftVersionOptions {
  actor: Actor;
  scenarioId: unknown;
  /** The version the editor showed: the draft being edited, or the published version a new draft starts from. */
  versionId: unknown;
  /** The draft's revision as the editor read it (ignored when starting from a published version). */
  revision: unknown;
  /** Name, description, priority, steps and assignment rules (lib/scenario-design/schemas.ts). */
  input: unknown;
  ip?: string;
}

export interface SavedDraft {
  versionId: string;
  version: number;
  revision: number;
  /** True when this save opened a new draft version after a published one. */
  created: boolean;
}

/**
 * Saves the scenario's draft. A published version never changes: saving on top of it opens the next version
 * as a draft. Only the scenario's latest version can be edited, and a draft only at the revision the editor
 * read, so nobody overwrites a change they have not seen (optimistic lock, as lib/creditors/update-mandate.ts).
 */
export async function saveDraftVersion({
  actor,
  scenarioId,
  versionId,
  revision,
  input,
  ip,
}: SaveDraftVersionOptions): Promise<SavedDraft> {
  authorize(actor, 'scenarios.manage');
  const base = parseInput(draftBaseSchema, { scenarioId, versionId, revision });
  const draft = parseDraft(scenarioDraftSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const scenario = await lockScenario(tx, actor.tenantId, base.scenarioId);
    const edited = await tx.scenarioVersion.findFirst({
      where: { tenantId: actor.tenantId, scenarioId: scenario.id, id: base.versionId },
    });
    if (!edited) throw AppError.notFound();
    if (scenario.archivedAt) throw archivedConflict();
    const latest = await tx.scenarioVersion.findFirstOrThrow({
      where: { tenantId: actor.tenantId, scenarioId: scenario.id },
      orderBy: { version: 'desc' },
      select: { id: true, version: true },
    });
    if (latest.id !== edited.id) throw new AppError('CONFLICT', M.notLatest);
    if (!edited.publishedAt && edited.revision !== base.revision) throw new AppError('CONFLICT', M.staleDraft);
    await checkCreditors(tx, actor.tenantId, draft.rules.creditorIds);

    const now = new Date();
    const content = {
      steps: draft.steps as Prisma.InputJsonValue,
      rules: draft.rules as Prisma.InputJsonValue,
      priority: draft.priority,
    };
    const saved = edited.publishedAt
      ? await tx.scenarioVersion.create({
          data: {
            tenantId: actor.tenantId,
            scenarioId: scenario.id,
            version: edited.version + 1,
            ...content,
            createdBy: actor.membershipId,
            createdAt: now,
            updatedAt: now,
          },
          select: { id: true, version: true, revision: true },
        })
      : await tx.scenarioVersion.update({
          where: { tenantId_id: { tenantId: actor.tenantId, id: edited.id } },
          data: { ...content, revision: edited.revision + 1, updatedAt: now },
          select: { id: true, version: true, revision: true },
        });
    const renamed = scenario.name !== draft.name || (scenario.description ?? null) !== draft.description;
    if (renamed) {
      await tx.scenario.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: scenario.id } },
        data: { name: draft.name, description: draft.description, updatedAt: now },
      });
    }
    await recordAudit(tx, actor, {
      action: 'scenario.draft_saved',
      entity: 'scenario',
      entityId: scenario.id,
      ip,
      details: {
        name: draft.name,
        version: saved.version,
        versionId: saved.id,
        revision: saved.revision,
        newVersion: Boolean(edited.publishedAt),
        steps: draft.steps.length,
        priority: draft.priority,
        ...(renamed ? { renamedFrom: scenario.name } : {}),
      },
    });
    return {
      versionId: saved.id,
      version: saved.version,
      revision: saved.revision,
      created: Boolean(edited.publishedAt),
    };
  });
}
