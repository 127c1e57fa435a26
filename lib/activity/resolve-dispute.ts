import type { FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { agencyClock } from '../dates/agency-clock';
import { applyClaimCorrection, type AppliedCorrection } from '../cases/apply-claim-correction';
import { lockFile, refuse, saveFile } from '../cases/file-store';
import type { TimelineEntry } from '../history/kinds';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { settleCorrectedFile } from './correct-claim';
import { disputeResolutionSchema } from './schemas';
import { taskNote } from '../tasks/notes';
import { openTask } from '../tasks/open-task';

export interface ResolveDisputeOptions {
  actor: Actor;
  /** disputeResolutionSchema: the dispute, UPHELD or REJECTED, and the answer given. */
  input: unknown;
  ip?: string;
}

export interface ResolveDisputeResult {
  fileId: string;
  version: number;
  status: FileStatus;
  closedTaskIds: string[];
  reviewTaskId: string | null;
  /** The claim corrected with the upheld dispute, if the agent recorded the correction with it. */
  correctedClaimId: string | null;
}

/**
 * Answers a dispute. Rejected (the claim stands): once no other dispute is open, the file goes back to work.
 * Upheld (the debtor is right), with its correction (which claim, cancelled or reduced, why): the claim is corrected
 * in the same transaction (lib/cases/apply-claim-correction.ts), with its own timeline line and audit entry, and the
 * file goes where the corrected debt puts it (lib/cases/correction-outcome.ts): back to work once no dispute is open,
 * PAID when what was paid covers what is left, WITHDRAWN when no claim is left, its scenario stopped. Upheld without
 * the correction (the creditor must confirm it first): the file stays disputed with a review task until an agent
 * corrects the claim (lib/activity/correct-claim.ts): reminders never resume on a claim known to be wrong.
 */
export async function resolveDispute({ actor, input, ip }: ResolveDisputeOptions): Promise<ResolveDisputeResult> {
  authorize(actor, 'files.work');
  const result = await inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const answer = parseInput(disputeResolutionSchema, input);
    const file = await lockFile(tx, actor, answer.fileId, answer.expectedVersion, clock);
    const dispute = await tx.dispute.findFirst({
      where: { tenantId: actor.tenantId, id: answer.disputeId, fileId: file.id },
    });
    if (!dispute) throw refuse('disputeId', 'workspace.errors.notOfFile');
    if (dispute.status !== 'OPEN') throw refuse('disputeId', 'workspace.errors.alreadyDone');

    await tx.dispute.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: dispute.id } },
      data: { status: answer.decision, resolution: answer.resolution, resolvedAt: clock.now },
    });
    const stillOpen = await tx.dispute.count({
      where: { tenantId: actor.tenantId, fileId: file.id, status: 'OPEN' },
    });
    // Tasks are not tied to one dispute: the last answer closes them all, an earlier one the oldest.
    const tasks = await tx.task.findMany({
      where: { tenantId: actor.tenantId, fileId: file.id, kind: 'DISPUTE', status: 'OPEN' },
      orderBy: { dueAt: 'asc' },
      select: { id: true },
      ...(stillOpen > 0 ? { take: 1 } : {}),
    });
    const closedTaskIds = tasks.map((t) => t.id);
    if (closedTaskIds.length > 0) {
      await tx.task.updateMany({
        where: { tenantId: actor.tenantId, id: { in: closedTaskIds } },
        data: { status: 'DONE', doneAt: clock.now },
      });
    }
    let reviewTaskId: string | null = null;
    let corrected: AppliedCorrection | null = null;
    if (answer.correction)
      corrected = await applyClaimCorrection(tx, {
        tenantId: actor.tenantId,
        file,
        clock,
        change: answer.correction,
        reduceOnly: true,
        fieldPrefix: 'correction.',
      });
    else if (answer.decision === 'UPHELD') {
      reviewTaskId = await openTask(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        kind: 'REVIEW',
        dueAt: clock.now,
        assigneeId: file.assigneeId ?? actor.membershipId,
        createdBy: actor.membershipId,
        ref: taskNote('dispute.upheld', {}),
      });
    }
    const statusFrom = file.status;
    const settled = corrected ? await settleCorrectedFile(tx, file, clock, { openDisputes: stillOpen }) : null;
    const target: FileStatus = settled
      ? settled.status
      : answer.decision === 'REJECTED' && stillOpen === 0 && file.status === 'DISPUTED'
        ? 'IN_PROGRESS'
        : file.status;
    const resolved: TimelineEntry = {
      kind: 'dispute.resolved',
      details: {
        disputeId: dispute.id,
        reason: dispute.reason,
        decision: answer.decision,
        resolution: answer.resolution,
        closedTaskIds,
        reviewTaskId,
        statusFrom,
        statusTo: target,
      },
    };
    const saved = await saveFile(
      tx,
      file,
      { status: target },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [resolved, ...(corrected ? [corrected.line] : []), ...(settled?.lines ?? [])],
        audit: [
          {
            action: 'dispute.resolved',
            entity: 'dispute',
            entityId: dispute.id,
            details: { decision: answer.decision, ...(corrected ? { claimId: corrected.claimId } : {}) },
          },
          ...(corrected ? [{ ...corrected.audit, line: 1 }] : []),
        ],
        closing: settled?.closing,
      },
    );
    const { version } = saved;
    const messageIds = (await settled?.afterSave(actor.membershipId, saved)) ?? [];
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return {
      messageIds,
      fileId: file.id,
      version,
      status: target,
      closedTaskIds,
      reviewTaskId,
      correctedClaimId: corrected?.claimId ?? null,
    };
  });
  await sendAfterCommit(actor.tenantId, result.messageIds, 'closing report e-mail');
  const { messageIds: _sent, ...answer } = result;
  return answer;
}
