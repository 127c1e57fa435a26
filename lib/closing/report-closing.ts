import { recordAudit } from '../audit/record-audit';
import type { FileClosingRecord } from '../cases/file-closing';
import type { LockedFile } from '../cases/file-store';
import type { FileStatus } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import type { AgencyClock } from '../dates/agency-clock';
import { writeClosingDocuments } from './closing-documents';
import type { ClosingReason } from './rules';

type ClosedBy = Extract<FileClosingRecord, { reason: string }>['reason'];

/**
 * The reason a correction that closed a file is recorded under (decision 0012 says where it goes, 0018 why these):
 * PAID when what was paid covers the corrected claims, WITHDRAWN when no claim is left — the creditor took the debt
 * back with its credit note, as a withdrawal does.
 */
export function correctionClosingReason(statusTo: FileStatus): ClosedBy {
  return statusTo === 'PAID' ? 'PAID' : 'WITHDRAWN';
}

/**
 * The reason a payment that left nothing owed closes its file under (decision 0023): PLAN_COMPLETED when it was the
 * last of a payment plan's, PAID otherwise.
 */
export function paymentClosingReason(planCompleted: boolean): ClosedBy {
  return planCompleted ? 'PLAN_COMPLETED' : 'PAID';
}

/**
 * What follows a closing no one decided — a correction that left nothing owed, a payment that settled everything —
 * once the file store has saved the file closed and written its row (lib/cases/file-closing.ts): the audit entry of
 * a closing decision (by the agent who acted, or no one for the debtor's card payment or a job) and the report to
 * the creditor, in its portal and by e-mail, as for any closing. Returns the e-mails to hand to the sender after
 * COMMIT.
 */
export async function reportClosing(
  tx: Tx,
  {
    file,
    closingId,
    reason,
    cause,
    clock,
    by,
  }: {
    file: LockedFile;
    closingId: string;
    reason: ClosingReason;
    cause: 'CORRECTION' | 'PAYMENT';
    clock: Pick<AgencyClock, 'now' | 'today' | 'timeZone'>;
    by: string | null;
  },
): Promise<string[]> {
  await recordAudit(
    tx,
    { tenantId: file.tenantId, membershipId: by },
    {
      action: 'closing.decided',
      entity: 'file_closing',
      entityId: closingId,
      details: {
        reason,
        owedCents: 0,
        fileId: file.id,
        ...(cause === 'CORRECTION' ? { byCorrection: true } : { byPayment: true }),
      },
    },
  );
  const documents = await writeClosingDocuments(tx, {
    file,
    closing: {
      id: closingId,
      reason,
      note: null,
      evidenceName: null,
      evidenceSha256: null,
      vatRateBps: 2000,
      owedCents: 0,
      decidedBy: by,
    },
    today: clock.today,
    timeZone: clock.timeZone,
    now: clock.now,
  });
  await tx.$executeRaw`
    UPDATE file_closing SET report_document_id = ${documents.reportDocumentId}::uuid
     WHERE tenant_id = ${file.tenantId}::uuid AND id = ${closingId}::uuid`;
  return documents.messageIds;
}
