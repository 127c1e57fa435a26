import { lockFile, saveFile } from '../cases/file-store';
import { agencyToday } from '../dates/agency-clock';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import type { FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { ESCALATION_MESSAGES, escalationDecisionSchema } from './schemas';

export interface DecideEscalationResult {
  escalationId: string;
  fileId: string;
  status: 'APPROVED' | 'REJECTED';
  fileStatus: FileStatus;
}

/**
 * A manager decides on a file the engine escalated after the pre-judicial warning's deadline:
 * APPROVED — the file stays in the judicial phase (AWAITING_JUDICIAL) for the procedure to be launched;
 * REJECTED — it goes back to the amicable phase (IN_PROGRESS) for agents to work by hand (its scenario is over).
 * A decision already taken is a CONFLICT; another agency's escalation is not found.
 */
export async function approveEscalation({
  actor,
  input,
  now = new Date(),
  ip,
}: {
  actor: Actor;
  input: unknown;
  now?: Date;
  ip?: string;
}): Promise<DecideEscalationResult> {
  authorize(actor, 'escalations.approve');
  const { escalationId, decision, note } = parseInput(escalationDecisionSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const escalation = await tx.escalation.findFirst({ where: { tenantId: actor.tenantId, id: escalationId } });
    if (!escalation) throw AppError.notFound();
    const file = await lockFile(tx, actor, escalation.fileId);
    const [current] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text FROM escalation WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${escalationId}::uuid FOR UPDATE`;
    if (current?.status !== 'PENDING') throw new AppError('CONFLICT', 'errors.escalation.decided');
    // Going to court needs a mandate in force that covers the judicial phase (MandateScope); refusing does not.
    if (decision === 'APPROVED')
      await requireMandateForAction(tx, {
        tenantId: actor.tenantId,
        creditorId: file.creditorId,
        today: await agencyToday(tx, actor.tenantId, now),
        judicial: true,
      });
    if (decision === 'APPROVED') {
      // Always warn before judicial action (DOMAIN.md ethics; issue 14): the file's last pre-judicial warning must
      // have been posted and not returned "addressee unknown", or the debtor was never warned.
      const [warning] = await tx.$queryRaw<{ sent_on: Date | null; delivery_outcome: string | null }[]>`
        SELECT sent_on, delivery_outcome::text FROM document
         WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid AND kind = 'PRE_JUDICIAL_WARNING'
         ORDER BY created_at DESC, id DESC LIMIT 1`;
      const reason = !warning
        ? 'warningMissing'
        : !warning.sent_on
          ? 'warningNotPosted'
          : warning.delivery_outcome === 'UNKNOWN_ADDRESS'
            ? 'warningReturned'
            : null;
      if (reason) throw new AppError('CONFLICT', ESCALATION_MESSAGES[reason]);
    }
    const target: FileStatus = decision === 'APPROVED' ? 'AWAITING_JUDICIAL' : 'IN_PROGRESS';
    // A refused move is a CONFLICT naming the file and the reason (lib/cases/transitions).
    await tx.escalation.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: escalationId } },
      data: { status: decision, decidedBy: actor.membershipId, decidedAt: now, decisionNote: note ?? null },
    });
    // A refused move is a CONFLICT naming the file and the reason (lib/cases/transitions).
    await saveFile(
      tx,
      file,
      { status: target },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: decision === 'APPROVED' ? 'escalation.approved' : 'escalation.rejected',
            details: { escalationId, decision, note: note ?? null },
          },
        ],
        audit: { action: `escalation.${decision.toLowerCase()}`, entity: 'escalation', entityId: escalationId },
      },
      now,
    );
    const fileStatus = file.status;
    await refreshFiles(tx, actor.tenantId, [file.id], await agencyToday(tx, actor.tenantId, now));
    return { escalationId, fileId: file.id, status: decision, fileStatus };
  });
}
