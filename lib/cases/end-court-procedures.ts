import type { FileStatus } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import type { FileClosedOutcome } from '../judicial-codes/codes';

// A file that closes ends its running court procedure (issue 16). Closing happens on many paths — a closing decision,
// the payment that settles everything, a correction that leaves nothing owed, a bulk closing — and all of them go
// through the file store, which calls this: so no path can leave a procedure running on a closed file. It lives in
// `cases` because the judicial module depends on `cases` (its writes go through the file store), not the other way.

/**
 * Ends the running procedure of each closed file: a FILE_CLOSED step (append-only history, dated the agency's day
 * of the closing), the stage and the outcome (the closed status: PAID, IRRECOVERABLE or WITHDRAWN; the title the
 * procedure may have obtained stays in title_on), and the agenda tasks of the deadlines it left open cancelled —
 * nobody serves an order on a paid debt. Returns the procedures ended.
 */
export async function endCourtProcedures(
  tx: RawTx,
  tenantId: string,
  fileIds: readonly string[],
  status: FileStatus & FileClosedOutcome,
  at: Date,
  by: string | null,
): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const ended = await tx.$queryRaw<{ id: string }[]>`
    WITH closing_day AS (
      SELECT (${at}::timestamptz AT TIME ZONE a.time_zone)::date AS on_day FROM agency a WHERE a.id = ${tenantId}::uuid
    ), ended AS (
      UPDATE judicial_procedure p
         SET stage = 'FILE_CLOSED', outcome = ${status}, ended_on = (SELECT on_day FROM closing_day),
             updated_at = ${at}::timestamptz
       WHERE p.tenant_id = ${tenantId}::uuid AND p.file_id = ANY(${fileIds as string[]}::uuid[]) AND p.ended_on IS NULL
      RETURNING p.id, p.file_id
    ), step AS (
      INSERT INTO judicial_step (tenant_id, procedure_id, file_id, kind, occurred_on, details, recorded_by)
      SELECT ${tenantId}::uuid, e.id, e.file_id, 'FILE_CLOSED', (SELECT on_day FROM closing_day),
             jsonb_build_object('status', ${status}::text), ${by}::uuid
        FROM ended e
    ), tasks AS (
      UPDATE task t SET status = 'CANCELLED', done_at = ${at}::timestamptz
        FROM judicial_deadline d
       WHERE d.tenant_id = ${tenantId}::uuid AND d.procedure_id IN (SELECT id FROM ended) AND d.closed_on IS NULL
         AND t.tenant_id = d.tenant_id AND t.id = d.task_id AND t.status = 'OPEN'
    )
    SELECT id::text FROM ended`;
  return ended.map((r) => r.id);
}
