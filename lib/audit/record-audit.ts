import { Prisma } from '../db/generated/client';
import type { RawTx } from '../db/raw';

// The one way an entry reaches the audit trail (append-only), inside the caller's transaction so it commits
// with what it records. A staff member's action names its actor and address; a job's has neither. Tagged raw
// SQL, so the file store can write it on a Prisma transaction or a plain pg connection alike.

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string;
  ip?: string;
  details?: AuditDetails;
}

/** Who an entry is by: a membership, or null for work nobody signed in did (nightly jobs). */
export interface AuditBy {
  tenantId: string;
  membershipId: string | null;
}

export async function recordAudit(tx: RawTx, by: AuditBy, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, by, [entry]);
}

/** Several entries by the same actor in one statement. */
export async function recordAudits(tx: RawTx, by: AuditBy, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO audit_log (tenant_id, actor_id, action, entity, entity_id, ip, details)
    SELECT ${by.tenantId}::uuid, ${by.membershipId}::uuid, e.action, e.entity, e.entity_id, e.ip, e.details
      FROM unnest(${entries.map((e) => e.action)}::text[], ${entries.map((e) => e.entity)}::text[],
                  ${entries.map((e) => e.entityId ?? null)}::text[], ${entries.map((e) => e.ip ?? null)}::text[],
                  ${entries.map((e) => JSON.stringify(e.details ?? {}))}::jsonb[]) AS e(action, entity, entity_id, ip, details)`);
}
