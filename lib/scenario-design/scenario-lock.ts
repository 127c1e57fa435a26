import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { DESIGN_MESSAGES as M } from './messages';

/**
 * Locks a scenario row for the rest of the transaction. Every change to a scenario's versions takes this lock
 * first, so two managers saving or publishing at once are served one after the other and the second sees
 * what the first did.
 */
export async function lockScenario(tx: Tx, tenantId: string, scenarioId: string) {
  await tx.$queryRaw`SELECT 1 FROM scenario WHERE tenant_id = ${tenantId}::uuid AND id = ${scenarioId}::uuid FOR UPDATE`;
  const scenario = await tx.scenario.findFirst({ where: { tenantId, id: scenarioId } });
  if (!scenario) throw AppError.notFound();
  return scenario;
}

export function archivedConflict(): AppError {
  return new AppError('CONFLICT', M.archived);
}

/** Creditors named by assignment rules must be the agency's own; another agency's id reads as unknown. */
export async function checkCreditors(tx: Tx, tenantId: string, ids: readonly string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await tx.creditor.count({ where: { tenantId, id: { in: [...new Set(ids)] } } });
  if (found !== new Set(ids).size) {
    throw AppError.invalid({ 'rules.creditorIds': M.creditor });
  }
}
