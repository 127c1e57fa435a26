import { canReach } from '../cases/transitions';
import { saveFile } from '../cases/file-store';
import { parseInput } from '../errors/zod';
import { openDispute } from '../activity/open-dispute';
import { onFileEvent } from '../scenarios/on-file-event';
import { withDebtorFile, type DebtorRequest } from './debtor-file';
import { debtorDisputeSchema } from './schemas';

/**
 * A debtor disputes the debt on their page: the dispute and its answer task are opened as an agent's would be, the
 * file moves to DISPUTED where it may, and the scenario pauses at once (nothing more is sent while it is open).
 */
export async function recordDebtorDispute({
  session,
  input,
  ip,
  now = new Date(),
}: DebtorRequest): Promise<{ disputeId: string }> {
  const dispute = parseInput(debtorDisputeSchema, input);
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
            details: { disputeKind: dispute.kind, text: dispute.text || null, statusFrom, statusTo },
          },
        ],
        audit: { action: 'debtor.dispute', entity: 'dispute', entityId: disputeId },
      },
      now,
    );
    await onFileEvent(tx, file.tenantId, file.id, 'DISPUTE', now);
    return { disputeId };
  });
}
