import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { startScenarioSchema } from './schemas';
import { startScenarios } from './start-scenarios';

export interface AssignScenarioOptions {
  actor: Actor;
  input: unknown;
  now?: Date;
  ip?: string;
}

export interface AssignScenarioResult {
  fileId: string;
  scenarioVersionId: string;
  run: number;
  nextRunAt: string;
}

/**
 * A manager puts a file on a scenario: the version the assignment rules choose, or one chosen by hand. A file
 * already running (or paused in) a scenario is a CONFLICT; a finished or stopped one starts a new run.
 */
export async function assignScenario({
  actor,
  input,
  now = new Date(),
  ip,
}: AssignScenarioOptions): Promise<AssignScenarioResult> {
  authorize(actor, 'scenarios.manage');
  const { fileId, scenarioVersionId } = parseInput(startScenarioSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id: fileId },
      select: { id: true, phase: true },
    });
    if (!file) throw AppError.notFound();
    if (file.phase !== 'INTAKE' && file.phase !== 'AMICABLE')
      throw new AppError('CONFLICT', 'errors.scenarios.notAmicable');
    const current = await tx.fileScenario.findUnique({
      where: { tenantId_fileId: { tenantId: actor.tenantId, fileId } },
    });
    if (current && (current.state === 'RUNNING' || current.state === 'PAUSED'))
      throw new AppError('CONFLICT', 'errors.scenarios.alreadyOn');
    if (scenarioVersionId) {
      const version = await tx.scenarioVersion.findFirst({
        where: { tenantId: actor.tenantId, id: scenarioVersionId, publishedAt: { not: null } },
        select: { id: true },
      });
      if (!version) throw AppError.notFound();
    }
    const report = await startScenarios(tx, actor.tenantId, [fileId], {
      now,
      actorId: actor.membershipId,
      versionId: scenarioVersionId,
      restart: true,
    });
    if (report.started === 0) throw AppError.invalid({ fileId: 'errors.scenarios.noneMatches' });
    const row = await tx.fileScenario.findUniqueOrThrow({
      where: { tenantId_fileId: { tenantId: actor.tenantId, fileId } },
    });
    await recordAudit(tx, actor, {
      action: 'scenario.assigned',
      entity: 'case_file',
      entityId: fileId,
      ip,
      details: { scenarioVersionId: row.scenarioVersionId, run: row.run },
    });
    return {
      fileId,
      scenarioVersionId: row.scenarioVersionId,
      run: row.run,
      nextRunAt: row.nextRunAt!.toISOString(),
    };
  });
}
