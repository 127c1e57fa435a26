import { saveFile, type FileAudit, type LockedFile } from '../cases/file-store';
import type { Tx } from '../db/tenant';
import type { AgencyClock } from '../dates/agency-clock';
import type { TimelineEntry } from '../history/kinds';
import { onFileEvent } from '../scenarios/on-file-event';
import { writeClosingDocuments, type ClosingRow } from './closing-documents';
import { CLOSING_STATUS } from './rules';

export interface AppliedClosing {
  version: number;
  reportDocumentId: string;
  certificateDocumentId: string | null;
  /** The creditor's e-mails, to hand to the sender once committed. */
  messageIds: string[];
}

/**
 * Closes a locked file on a decided closing (an agent's or manager's own, an approved one, a bulk one): the status
 * its reason leads to through the transition table, the decision's line and the status line on the timeline, the
 * scenario stopped now, the file's open tasks cancelled (nobody works a closed file), and the report (and certificate)
 * written and e-mailed. The file_closing row is the caller's, already CLOSED.
 */
export async function applyClosing(
  tx: Tx,
  {
    file,
    closing,
    clock,
    by,
    decided,
    audit,
    mail = true,
  }: {
    file: LockedFile;
    closing: ClosingRow & { currency: string };
    clock: Pick<AgencyClock, 'now' | 'today' | 'timeZone'>;
    by: { membershipId: string; ip?: string | undefined } | null;
    /** The decision's line (closing.decided), first on the timeline. */
    decided: TimelineEntry;
    audit: FileAudit;
    /** E-mail the creditor's users the report (not for a bulk closing). */
    mail?: boolean;
  },
): Promise<AppliedClosing> {
  const statusFrom = file.status;
  const to = CLOSING_STATUS[closing.reason];
  const { version } = await saveFile(
    tx,
    file,
    { status: to },
    {
      by,
      lines: [decided, { kind: 'file.status_changed', details: { statusFrom, statusTo: to } }],
      audit,
      closing: { closingId: closing.id },
    },
    clock.now,
  );
  await tx.task.updateMany({
    where: { tenantId: file.tenantId, fileId: file.id, status: 'OPEN' },
    data: { status: 'CANCELLED', doneAt: clock.now },
  });
  await onFileEvent(tx, file.tenantId, file.id, 'CLOSING', clock.now);
  const documents = await writeClosingDocuments(tx, {
    file,
    closing,
    today: clock.today,
    timeZone: clock.timeZone,
    now: clock.now,
    mail,
  });
  await tx.$executeRaw`
    UPDATE file_closing SET report_document_id = ${documents.reportDocumentId}::uuid,
           certificate_document_id = ${documents.certificateDocumentId}::uuid
     WHERE tenant_id = ${file.tenantId}::uuid AND id = ${closing.id}::uuid`;
  return { version, ...documents };
}
