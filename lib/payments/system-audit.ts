import type { Tx } from '../db/tenant';

/** Audit rows for work nobody signed in did (the daily plan check): no actor, same trail. */
export async function recordSystemAudit(
  tx: Tx,
  tenantId: string,
  entry: { action: string; entity: string; entityId: string; details?: Record<string, string | number | boolean> },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId,
      actorId: null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      details: entry.details ?? {},
    },
  });
}
