import type { Tx } from '../db/tenant';
import { addDays } from '../dates/days';
import { startOfDayIn } from '../compliance/zoned-time';
import { openTask } from '../tasks/open-task';
import { DISPUTE_ANSWER_DAYS } from './rules';

/**
 * A dispute opened on a file, by an agent who heard it or by the debtor on their page, and the task that has it
 * answered within DISPUTE_ANSWER_DAYS. The caller moves the file (DISPUTED) and pauses its scenario.
 */
export async function openDispute(
  tx: Tx,
  d: {
    tenantId: string;
    fileId: string;
    /** What the debtor said, as typed. */
    reason: string;
    /** The debtor's own choice from the page's list; null when an agent wrote it down. */
    kind?: string | null;
    openedBy: string | null;
    assigneeId: string | null;
    today: string;
    timeZone: string;
  },
): Promise<{ disputeId: string; taskId: string | null }> {
  const { id: disputeId } = await tx.dispute.create({
    data: { tenantId: d.tenantId, fileId: d.fileId, reason: d.reason, kind: d.kind ?? null, openedBy: d.openedBy },
    select: { id: true },
  });
  const taskId = await openTask(tx, {
    tenantId: d.tenantId,
    fileId: d.fileId,
    kind: 'DISPUTE',
    dueAt: startOfDayIn(addDays(d.today, DISPUTE_ANSWER_DAYS), d.timeZone),
    assigneeId: d.assigneeId,
    createdBy: d.openedBy,
    source: d.openedBy ? 'agent' : 'debtor',
    typedNote: d.reason || null,
  });
  return { disputeId, taskId };
}
