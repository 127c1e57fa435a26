import type { FileStatus } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import type { ClosingReason } from '../history/kinds';

// Every way a file closes leaves its closing row (`file_closing`, decisions 0014, 0018, 0023): the closings list, the
// creditor's report and the closing-reasons chart all read it, and a closed file without one is missing from all
// three. The file store asks for it on every move to a closed status and refuses a move without one, so a path that
// closes a file and forgets is an error the first time it runs, not a hole found months later.

/** How a change that closes a file records its closing. */
export type FileClosingRecord =
  /**
   * A closing decision the caller wrote (with its evidence, its approval, its batch) and marked CLOSED: the store
   * checks it is there, for this file, leading to the status the file moves to.
   */
  | { closingId: string }
  /**
   * The change closed the file by itself — the payment that settles everything, a correction that leaves nothing
   * owed — so there is no decision to read: the store writes the row, decided by whoever made the change (null for
   * a job or the debtor), nothing written off since nothing is owed.
   */
  | { reason: ClosingReason & ('PAID' | 'PLAN_COMPLETED' | 'WITHDRAWN') };

/** A closing row that is not there, or not this move's: a bug in the path that closed the file, never user input. */
export class ClosingRecordMissing extends Error {
  constructor(fileId: string, status: FileStatus, closingId?: string) {
    super(
      closingId
        ? `closing ${closingId} is not a decided closing of file ${fileId} to ${status}`
        : `file ${fileId} moves to ${status} without its closing record (lib/cases/file-closing.ts)`,
    );
    this.name = 'ClosingRecordMissing';
  }
}

/**
 * Called by the file store once a file is saved into a closed status (`file` already carries it, its collected
 * amount included). Returns the closing row's id.
 */
export async function recordFileClosing(
  tx: RawTx,
  file: { tenantId: string; id: string; status: FileStatus },
  {
    record,
    statusFrom,
    at,
    by,
  }: { record: FileClosingRecord | undefined; statusFrom: FileStatus; at: Date; by: string | null },
): Promise<string> {
  if (!record) throw new ClosingRecordMissing(file.id, file.status);
  if ('closingId' in record) {
    const [found] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM file_closing
       WHERE tenant_id = ${file.tenantId}::uuid AND id = ${record.closingId}::uuid AND file_id = ${file.id}::uuid
         AND status = 'CLOSED' AND status_to = ${file.status}::"FileStatus"`;
    if (!found) throw new ClosingRecordMissing(file.id, file.status, record.closingId);
    return found.id;
  }
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO file_closing (tenant_id, file_id, reason, status, status_from, status_to, owed_cents, collected_cents,
                              currency, requested_by, requested_at, decided_by, decided_at)
    SELECT f.tenant_id, f.id, ${record.reason}, 'CLOSED', ${statusFrom}::"FileStatus", f.status, 0, f.collected_cents,
           btrim(f.currency), ${by}::uuid, ${at}::timestamptz, ${by}::uuid, ${at}::timestamptz
      FROM case_file f
     WHERE f.tenant_id = ${file.tenantId}::uuid AND f.id = ${file.id}::uuid
    RETURNING id::text`;
  return row!.id;
}
