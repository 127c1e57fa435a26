import { recordAudit } from '../audit/record-audit';
import type { LockedFile } from '../cases/file-store';
import type { FileStatus } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import type { AgencyClock } from '../dates/agency-clock';
import { writeClosingDocuments } from './closing-documents';
import type { ClosingReason } from './rules';

/**
 * The reason a correction that closed a file is recorded under (decision 0012 says where it goes, 0018 why these):
 * PAID when what was paid covers the corrected claims, WITHDRAWN when no claim is left — the creditor took the debt
 * back with its credit note, as a withdrawal does.
 */
export function correctionClosingReason(statusTo: FileStatus): ClosingReason {
  return statusTo === 'PAID' ? 'PAID' : 'WITHDRAWN';
}

/**
 * A file a claim correction closed gets its closing row like every other closing (decision 0018): decided by the
 * agent who corrected (the correction is the evidence, on the timeline), nothing written off — nothing is owed —
 * audited as a closing decision, and the report to the creditor, in its portal and by e-mail. Called once the file is saved closed, in the
 * correction's transaction. Returns the e-mails to hand to the sender after COMMIT.
 */
export async function recordCorrectionClosing(
  tx: Tx,
  {
    file,
    statusFrom,
    clock,
    by,
  }: {
    file: LockedFile;
    statusFrom: FileStatus;
    clock: Pick<AgencyClock, 'now' | 'today' | 'timeZone'>;
    by: string | null;
  },
): Promise<string[]> {
  const reason = correctionClosingReason(file.status);
  const currency = file.currency.trim();
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO file_closing (tenant_id, file_id, reason, status, status_from, status_to, owed_cents, collected_cents,
                              currency, requested_by, requested_at, decided_by, decided_at)
    SELECT f.tenant_id, f.id, ${reason}, 'CLOSED', ${statusFrom}::"FileStatus", f.status, 0, f.collected_cents,
           ${currency}, ${by}::uuid, ${clock.now}, ${by}::uuid, ${clock.now}
      FROM case_file f WHERE f.tenant_id = ${file.tenantId}::uuid AND f.id = ${file.id}::uuid
    RETURNING id::text`;
  const closingId = row!.id;
  await recordAudit(
    tx,
    { tenantId: file.tenantId, membershipId: by },
    {
      action: 'closing.decided',
      entity: 'file_closing',
      entityId: closingId,
      details: { reason, owedCents: 0, fileId: file.id, byCorrection: true },
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
