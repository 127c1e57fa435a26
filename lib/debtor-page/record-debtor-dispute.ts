import { createHash } from 'node:crypto';
import { canReach } from '../cases/transitions';
import { saveFile } from '../cases/file-store';
import { parseInput } from '../errors/zod';
import { openDispute } from '../activity/open-dispute';
import { onFileEvent } from '../scenarios/on-file-event';
import { derivedKey, storeBuffer } from '../storage/documents';
import { checkAttachments, type UploadedFile } from './attachments';
import { withDebtorFile, type DebtorRequest } from './debtor-file';
import { debtorDisputeSchema } from './schemas';

/**
 * A debtor disputes the debt on their page: the dispute and its answer task are opened as an agent's would be, the
 * file moves to DISPUTED where it may, and the scenario pauses at once (nothing more is sent while it is open). The
 * documents they attach are checked, all of them, before anything is written, then stored with the dispute.
 */
export async function recordDebtorDispute({
  session,
  input,
  attachments = [],
  ip,
  now = new Date(),
}: DebtorRequest & { attachments?: readonly UploadedFile[] }): Promise<{ disputeId: string; attachmentIds: string[] }> {
  const dispute = parseInput(debtorDisputeSchema, input);
  const files = checkAttachments(attachments);
  return withDebtorFile(session, now, async (tx, file, clock) => {
    const { disputeId } = await openDispute(tx, {
      tenantId: file.tenantId,
      fileId: file.id,
      reason: dispute.text,
      kind: dispute.kind,
      openedBy: null,
      assigneeId: file.assigneeId,
      today: clock.today,
      timeZone: clock.timeZone,
    });
    const attachmentIds: string[] = [];
    for (const [index, attached] of files.entries()) {
      // Keyed by the dispute: a retried transaction writes the same file again rather than a second one.
      const storageKey = derivedKey(file.tenantId, 'documents', `dispute-attachment:${disputeId}:${index}`);
      const bytes = Buffer.from(attached.bytes);
      await storeBuffer(storageKey, bytes);
      const row = await tx.disputeAttachment.create({
        data: {
          tenantId: file.tenantId,
          disputeId,
          fileId: file.id,
          name: attached.name,
          contentType: attached.contentType,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey,
          createdAt: now,
        },
        select: { id: true },
      });
      attachmentIds.push(row.id);
    }
    const statusFrom = file.status;
    const statusTo = canReach(file.status, 'DISPUTED') ? 'DISPUTED' : file.status;
    await saveFile(
      tx,
      file,
      { status: statusTo },
      {
        by: { membershipId: null, ip },
        lines: [
          {
            kind: 'debtor.disputed',
            details: {
              disputeKind: dispute.kind,
              text: dispute.text || null,
              statusFrom,
              statusTo,
              ...(files.length > 0 ? { attachments: files.length } : {}),
            },
          },
        ],
        audit: {
          action: 'debtor.dispute',
          entity: 'dispute',
          entityId: disputeId,
          details: { attachments: files.length },
        },
      },
      now,
    );
    await onFileEvent(tx, file.tenantId, file.id, 'DISPUTE', now);
    return { disputeId, attachmentIds };
  });
}
