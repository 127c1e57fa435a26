import { lockFile, saveFile } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { applyClosing } from './apply-closing';
import { closeFileError } from './close-file';
import { closingFactsOf } from './closing-facts';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { closingRefusal, writtenOff, type ClosingReason } from './rules';
import { CLOSING_MESSAGES, decideClosingSchema } from './schemas';

export interface DecideClosingResult {
  closingId: string;
  fileId: string;
  decision: 'APPROVED' | 'REFUSED';
  status: string;
}

/**
 * A manager decides on an agent's closing that waits above the agency's threshold. Approved: the rules are asked
 * again on the file as it stands now (a payment may have come in meanwhile), and the file closes as if the manager
 * had closed it, the agent's evidence and note kept. Refused: the file stays as it is, with the refusal on its
 * timeline. A decision already taken is a CONFLICT; another agency's or creditor's closing is not found.
 */
export async function decideClosing({
  actor,
  input,
  ip,
  now = new Date(),
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  now?: Date;
}): Promise<DecideClosingResult> {
  authorize(actor, 'closings.approve');
  const { closingId, decision, note } = parseInput(decideClosingSchema, input);
  const result = await inTenant(
    scopeOf(actor),
    async (tx) => {
      const closing = await tx.fileClosing.findFirst({ where: { tenantId: actor.tenantId, id: closingId } });
      if (!closing) throw AppError.notFound();
      const clock = await agencyClock(tx, actor.tenantId, now);
      const file = await lockFile(tx, actor, closing.fileId);
      // The file's lock orders deciders: the second finds the decision taken.
      const [current] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status FROM file_closing WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${closingId}::uuid`;
      if (current?.status !== 'PENDING') throw new AppError('CONFLICT', CLOSING_MESSAGES.decided);
      const reason = closing.reason as ClosingReason;
      const [decider] = await tx.$queryRaw<{ name: string }[]>`
      SELECT i.name FROM membership m JOIN identity i ON i.id = m.identity_id
       WHERE m.tenant_id = ${actor.tenantId}::uuid AND m.id = ${actor.membershipId}::uuid`;
      const deciderName = decider?.name ?? actor.name;
      const by = { membershipId: actor.membershipId, ip };
      const audit = {
        action: decision === 'APPROVED' ? 'closing.approved' : 'closing.refused',
        entity: 'file_closing',
        entityId: closingId,
        details: { reason },
      };
      if (decision === 'REFUSED') {
        await tx.$executeRaw`
        UPDATE file_closing SET status = 'REFUSED', decided_by = ${actor.membershipId}::uuid, decided_at = ${now},
               decision_note = ${note}
         WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${closingId}::uuid`;
        await saveFile(
          tx,
          file,
          {},
          { by, lines: [{ kind: 'closing.refused', details: { reason, deciderName, note } }], audit },
          now,
        );
        return { closingId, fileId: file.id, decision, status: file.status, messageIds: [] as string[] };
      }
      const facts = await closingFactsOf(tx, file, clock.today);
      const refusal = closingRefusal({
        ...facts,
        // This decision is the one pending.
        pendingDecision: false,
        status: file.status,
        reason,
        hasEvidence: closing.evidenceKey !== null,
        hasNote: closing.note !== null,
        today: clock.today,
      });
      if (refusal) throw closeFileError(refusal, file, reason);
      await tx.$executeRaw`
      UPDATE file_closing SET status = 'CLOSED', decided_by = ${actor.membershipId}::uuid, decided_at = ${now},
             decision_note = ${note}
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${closingId}::uuid`;
      // What is written off is what the file owes now: a payment may have come in since the agent asked.
      const owedCents = writtenOff(reason, facts.owedCents);
      const applied = await applyClosing(tx, {
        file,
        closing: {
          id: closingId,
          reason,
          note: closing.note,
          evidenceName: closing.evidenceName,
          evidenceSha256: closing.evidenceSha256,
          vatRateBps: closing.vatRateBps,
          owedCents,
          decidedBy: actor.membershipId,
          currency: closing.currency.trim(),
        },
        clock,
        by,
        decided: {
          kind: 'closing.decided',
          details: {
            reason,
            owedCents,
            currency: closing.currency.trim(),
            note: closing.note,
            evidenceName: closing.evidenceName,
            approvedBy: deciderName,
            closingId,
          },
        },
        audit,
      });
      await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
      return { closingId, fileId: file.id, decision, status: file.status, messageIds: applied.messageIds };
    },
    undefined,
    { timeoutMs: 30_000 },
  );
  await sendAfterCommit(actor.tenantId, result.messageIds, 'closing report e-mail');
  const { messageIds: _sent, ...answer } = result;
  return answer;
}
