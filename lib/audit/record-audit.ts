import type { Tx } from '../db/tenant';
import type { Actor } from '../tenancy/actor';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string;
  ip?: string;
  details?: Record<string, string | number | boolean | null>;
}

/** Appends to the audit trail inside the caller's tenant transaction, so it commits with what it records. */
export async function recordAudit(tx: Tx, actor: Pick<Actor, 'tenantId' | 'membershipId'>, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorId: actor.membershipId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      ip: entry.ip,
      details: entry.details ?? {},
    },
  });
}
