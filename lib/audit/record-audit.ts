import { Prisma } from '../db/generated/client';
import type { RawTx } from '../db/raw';
import { auditKind } from './kinds';

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
  /**
   * The debtor the entry concerns. An entry on a file (entity `case_file`) or a debtor finds it itself, inside the
   * same INSERT; give it when you hold it anyway, and for other entities that concern one person (a payment).
   */
  debtorId?: string;
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
    INSERT INTO audit_log (tenant_id, actor_id, action, entity, entity_id, ip, details, kind, debtor_id)
    SELECT ${by.tenantId}::uuid, ${by.membershipId}::uuid, e.action, e.entity, e.entity_id, e.ip, e.details, e.kind,
           coalesce(e.debtor_id, CASE e.entity
             WHEN 'case_file' THEN (SELECT f.debtor_id FROM case_file f
                                     WHERE f.tenant_id = ${by.tenantId}::uuid AND f.id = e.entity_id::uuid)
             WHEN 'debtor' THEN e.entity_id::uuid END)
      FROM unnest(${entries.map((e) => e.action)}::text[], ${entries.map((e) => e.entity)}::text[],
                  ${entries.map((e) => e.entityId ?? null)}::text[], ${entries.map((e) => e.ip ?? null)}::text[],
                  ${entries.map((e) => JSON.stringify(e.details ?? {}))}::jsonb[],
                  ${entries.map((e) => auditKind(e.action))}::text[],
                  ${entries.map((e) => e.debtorId ?? null)}::uuid[])
           AS e(action, entity, entity_id, ip, details, kind, debtor_id)`);
}
