import type { Tx } from '../db/tenant';
import type { Actor } from '../tenancy/actor';

export interface Reassignment {
  fileId: string;
  /** Where the file was when the move was decided; a file that has moved since is left alone. */
  from: string | null;
  to: string;
}

/**
 * Moves files between staff members in one statement: the files, their open tasks held by the previous
 * holder (or by nobody), and one 'file.assigned' timeline entry per file moved.
 * Returns the ids of the files actually moved (closed files and files moved by someone else meanwhile stay).
 */
export async function reassign(
  tx: Tx,
  actor: Pick<Actor, 'tenantId' | 'membershipId'>,
  moves: readonly Reassignment[],
  via: 'assignment' | 'rebalance',
): Promise<string[]> {
  if (moves.length === 0) return [];
  // Id order, so two managers moving overlapping files lock them in the same order.
  const sorted = [...moves].sort((a, b) => (a.fileId < b.fileId ? -1 : 1));
  const rows = await tx.$queryRaw<{ file_id: string }[]>`
    WITH v AS (
      SELECT * FROM unnest(${sorted.map((m) => m.fileId)}::uuid[], ${sorted.map((m) => m.from)}::uuid[],
                           ${sorted.map((m) => m.to)}::uuid[]) AS v(file_id, from_id, to_id)
    ), moved AS (
      UPDATE case_file f SET assignee_id = v.to_id, updated_at = now()
        FROM v
       WHERE f.tenant_id = ${actor.tenantId}::uuid AND f.id = v.file_id AND f.phase <> 'CLOSED'
         AND f.assignee_id IS NOT DISTINCT FROM v.from_id AND v.to_id IS DISTINCT FROM v.from_id
      RETURNING f.id, v.from_id, v.to_id
    ), tasks AS (
      UPDATE task t SET assignee_id = moved.to_id
        FROM moved
       WHERE t.tenant_id = ${actor.tenantId}::uuid AND t.file_id = moved.id AND t.status = 'OPEN'
         AND (t.assignee_id IS NULL OR t.assignee_id = moved.from_id)
    )
    INSERT INTO activity (tenant_id, file_id, actor_id, kind, details)
    SELECT ${actor.tenantId}::uuid, moved.id, ${actor.membershipId}::uuid, 'file.assigned',
           jsonb_build_object('assigneeId', moved.to_id, 'assigneeName', i.name, 'previousAssigneeId', moved.from_id,
                              'via', ${via}::text)
      FROM moved
      JOIN membership m ON m.tenant_id = ${actor.tenantId}::uuid AND m.id = moved.to_id
      JOIN identity i ON i.id = m.identity_id
    RETURNING file_id`;
  return rows.map((r) => r.file_id);
}
