import { recordTimeline } from '../history/record';
import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { stepDueAt } from './rules';
import { resumeScenarioSchema } from './schemas';
import { agencyWindow } from '../compliance/agency-window';
import { loadVersionSteps } from './versions';

export interface ResumeScenarioOptions {
  actor: Actor;
  input: unknown;
  now?: Date;
  ip?: string;
}

/**
 * Resumes a paused scenario where it stopped. The next step's date is computed again from now (a delay "after
 * the previous step" counts from the resume, so the debtor does not get two letters the day the pause ends);
 * a delay from placement already reached means the step is due at once. The guards still run at that step.
 */
export async function resumeScenario({
  actor,
  input,
  now = new Date(),
  ip,
}: ResumeScenarioOptions): Promise<{ fileId: string; nextRunAt: string }> {
  authorize(actor, 'files.work');
  const { fileId } = parseInput(resumeScenarioSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM case_file WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${fileId}::uuid FOR UPDATE`;
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id: fileId },
      select: { id: true, placedAt: true },
    });
    if (!file) throw AppError.notFound();
    const rows = await tx.$queryRaw<{ state: string; scenario_version_id: string; next_step: number }[]>`
      SELECT state::text, scenario_version_id, next_step FROM file_scenario
       WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${fileId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (row?.state !== 'PAUSED') throw new AppError('CONFLICT', 'errors.scenarios.notPaused');
    const steps = await loadVersionSteps(tx, actor.tenantId, row.scenario_version_id);
    const step = steps[row.next_step];
    if (!step) throw new AppError('CONFLICT', 'errors.scenarios.noStepLeft');
    const window = await agencyWindow(tx, actor.tenantId);
    const nextRunAt = stepDueAt(step, { window, placedAt: file.placedAt, previousAt: now });
    await tx.$executeRaw`
      UPDATE file_scenario SET state = 'RUNNING', state_reason = NULL, next_run_at = ${nextRunAt}, enqueued_at = NULL,
             failures = 0, updated_at = ${now}
       WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${fileId}::uuid`;
    await recordTimeline(
      tx,
      { tenantId: actor.tenantId, fileId, actorId: actor.membershipId, at: now },
      { kind: 'scenario.resumed', details: { step: row.next_step, nextRunAt: nextRunAt.toISOString() } },
    );
    await recordAudit(tx, actor, { action: 'scenario.resumed', entity: 'case_file', entityId: fileId, ip });
    return { fileId, nextRunAt: nextRunAt.toISOString() };
  });
}
