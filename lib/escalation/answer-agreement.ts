import { saveFile } from '../cases/file-store';
import { agencyToday } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { isRouteCode } from '../judicial/catalogue';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { approveInTx, checkReadyForCourt, lockPendingEscalation } from './approve-escalation';
import { ESCALATION_MESSAGES as M, agreementAnswerSchema } from './schemas';

export interface AgreementAnswer {
  escalationId: string;
  fileId: string;
  answer: 'ACCEPT' | 'REFUSE';
  procedureId: string | null;
}

/**
 * The creditor's answer, in the portal, to the route its agency's manager approved at the creditor's expense: it
 * accepts (the procedure starts, checked again as on approval: mandate, warning, ceiling) or refuses (the file waits
 * for the manager to send it back to the amicable phase or close it). Only the creditor's own files; another
 * creditor's or agency's escalation is not found, as is one nobody asked it about.
 */
export async function answerAgreement({
  actor,
  input,
  now = new Date(),
  ip,
}: {
  actor: Actor;
  input: unknown;
  now?: Date;
  ip?: string;
}): Promise<AgreementAnswer> {
  authorize(actor, 'escalations.agree');
  const { escalationId, answer, note } = parseInput(agreementAnswerSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const { escalation, file } = await lockPendingEscalation(tx, actor, escalationId);
    if (escalation.agreement !== 'REQUESTED') throw new AppError('CONFLICT', M.agreementNotAsked);
    const { route } = await tx.escalation.findFirstOrThrow({
      where: { tenantId: actor.tenantId, id: escalationId },
      select: { route: true },
    });
    if (!route || !isRouteCode(route)) throw new AppError('CONFLICT', M.agreementNotAsked);
    const today = await agencyToday(tx, actor.tenantId, now);
    if (answer === 'ACCEPT') {
      await checkReadyForCourt(tx, actor, file, route, today);
      const procedureId = await approveInTx(tx, actor, {
        escalationId,
        file,
        route,
        note: null,
        today,
        now,
        ip,
        agreement: { deciderName: actor.name, note: note ?? null },
      });
      return { escalationId, fileId: file.id, answer, procedureId };
    }
    await tx.escalation.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: escalationId } },
      data: { agreement: 'REFUSED', agreementBy: personOf(actor), agreementAt: now, agreementNote: note ?? null },
    });
    await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          { kind: 'escalation.agreement_refused', details: { route, deciderName: actor.name, note: note ?? null } },
        ],
        audit: { action: 'escalation.agreement_refused', entity: 'escalation', entityId: escalationId },
      },
      now,
    );
    return { escalationId, fileId: file.id, answer, procedureId: null };
  });
}
