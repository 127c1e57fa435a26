import type { FileStatus } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import type { AgencyClock } from '../dates/agency-clock';
import { agencyClock } from '../dates/agency-clock';
import { parseInput } from '../errors/zod';
import type { TimelineEntry } from '../history/kinds';
import { applyClaimCorrection } from '../cases/apply-claim-correction';
import { claimCorrectionSchema } from '../cases/claim-correction-schema';
import { statusAfterCorrection } from '../cases/correction-outcome';
import { balancesOn } from '../cases/file-ledger';
import { lockFile, saveFile, type LockedFile } from '../cases/file-store';
import { isClosed } from '../cases/rules';
import { correctionClosingReason, reportClosing } from '../closing/report-closing';
import type { FileClosingRecord } from '../cases/file-closing';
import type { SavedFile } from '../cases/file-store';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { onFileEvent } from '../scenarios/on-file-event';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';

export interface CorrectClaimOptions {
  actor: Actor;
  /** claimCorrectionSchema: the claim, the version of the file read, the reason, and the changes. */
  input: unknown;
  ip?: string;
}

export interface CorrectClaimResult {
  fileId: string;
  claimId: string;
  version: number;
  status: FileStatus;
}

/**
 * Where a corrected file goes (lib/cases/correction-outcome.ts), read after the correction is written: its live
 * claims, what it owes today on the interest engine's figures, its open disputes. A move closes the file's open
 * review tasks (the correction was what they asked for); a closing adds the status line the creditor reads on its
 * portal. The caller saves the file with the status and these lines, then calls `afterSave`.
 */
export async function settleCorrectedFile(
  tx: Tx,
  file: LockedFile,
  clock: Pick<AgencyClock, 'now' | 'today' | 'timeZone'>,
  { openDisputes }: { openDisputes?: number } = {},
): Promise<{
  status: FileStatus;
  lines: TimelineEntry[];
  closing: FileClosingRecord | undefined;
  afterSave: (by: string | null, saved: SavedFile) => Promise<string[]>;
}> {
  const [left] = await tx.$queryRaw<{ live: number; openDisputes: number }[]>`
    SELECT (SELECT count(*)::int FROM claim WHERE tenant_id = ${file.tenantId}::uuid AND file_id = ${file.id}::uuid
               AND cancelled_at IS NULL) AS live,
           (SELECT count(*)::int FROM dispute WHERE tenant_id = ${file.tenantId}::uuid AND file_id = ${file.id}::uuid
               AND status = 'OPEN') AS "openDisputes"`;
  const owed = await balancesOn(tx, file, clock.today);
  const status = statusAfterCorrection({
    status: file.status,
    liveClaims: left!.live,
    dueCents: owed.totals.totalDueCents,
    openDisputes: openDisputes ?? left!.openDisputes,
  });
  if (status !== file.status)
    await tx.task.updateMany({
      where: { tenantId: file.tenantId, fileId: file.id, kind: 'REVIEW', status: 'OPEN' },
      data: { status: 'DONE', doneAt: clock.now },
    });
  const statusFrom = file.status;
  const closes = isClosed(status) && status !== statusFrom;
  const reason = closes ? correctionClosingReason(status) : null;
  return {
    status,
    lines: closes ? [{ kind: 'file.status_changed', details: { statusFrom, statusTo: status } }] : [],
    // The file store writes the closing row from this reason when it saves the file closed (decision 0018).
    closing: reason ? { reason } : undefined,
    // A closed file's scenario stops now, with its reason on the timeline (not at its next step); the closing is
    // reported like any other, to the creditor (its e-mails are sent after COMMIT).
    afterSave: async (by, saved) => {
      if (!reason || !saved.closingId) return [];
      await onFileEvent(tx, file.tenantId, file.id, 'CORRECTION', clock.now);
      return reportClosing(tx, { file, closingId: saved.closingId, reason, cause: 'CORRECTION', clock, by });
    },
  };
}

/**
 * An agent corrects one claim of a file (issue 14): its amount, its due date, its nature or interest terms, or
 * cancels it (an invoice cancelled by a credit note). The reason goes on the timeline with each value before and
 * after (lib/cases/apply-claim-correction.ts), the audit trail records who and when, and every amount read
 * afterwards is recomputed from the corrected claim. A disputed file whose disputes are all answered goes back to
 * work; a file left owing nothing closes (PAID, or WITHDRAWN when no claim is left) and its scenario stops.
 * Claims are corrected, never deleted: the cancelled line keeps its invoice, at 0.
 */
export async function correctClaim({ actor, input, ip }: CorrectClaimOptions): Promise<CorrectClaimResult> {
  authorize(actor, 'files.work');
  const result = await inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const { fileId, expectedVersion, ...change } = parseInput(claimCorrectionSchema, input);
    const file = await lockFile(tx, actor, fileId, expectedVersion, clock);
    const applied = await applyClaimCorrection(tx, { tenantId: actor.tenantId, file, clock, change });
    const settled = await settleCorrectedFile(tx, file, clock);
    const saved = await saveFile(
      tx,
      file,
      { status: settled.status },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [applied.line, ...settled.lines],
        audit: applied.audit,
        closing: settled.closing,
      },
    );
    const { version } = saved;
    const messageIds = await settled.afterSave(actor.membershipId, saved);
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, claimId: applied.claimId, version, status: file.status, messageIds };
  });
  await sendAfterCommit(actor.tenantId, result.messageIds, 'closing report e-mail');
  const { messageIds: _sent, ...answer } = result;
  return answer;
}
