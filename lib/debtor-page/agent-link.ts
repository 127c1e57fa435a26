import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { isClosed } from '../cases/rules';
import { env } from '../config/env';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { recordTimeline } from '../history/record';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { issueDebtorLinks } from '../debtor-links/issue-link';
import { debtorPageUrl, linkSecret } from '../debtor-links/token';

/**
 * The debtor's private page, given by an agent (on the phone, in an e-mail the agent writes): a link of its own,
 * carrier AGENT, derived from the file and the day, so asking twice the same day gives the same link. Only for an
 * open file; the debtor still answers the second factor. Recorded on the history and in the audit log.
 */
export async function agentDebtorLink({
  actor,
  fileId,
  ip,
  now = new Date(),
}: {
  actor: Actor;
  fileId: unknown;
  ip?: string;
  now?: Date;
}): Promise<{ url: string }> {
  authorize(actor, 'files.work');
  if (!z.uuid().safeParse(fileId).success) throw AppError.notFound();
  const id = fileId as string;
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id },
      select: { id: true, reference: true, status: true },
    });
    if (!file) throw AppError.notFound();
    if (isClosed(file.status)) throw new AppError('CONFLICT', 'debtorLinks.errors.fileClosed');
    const clock = await agencyClock(tx, actor.tenantId, now);
    const [token] = await issueDebtorLinks(tx, {
      secret: linkSecret(),
      tenantId: actor.tenantId,
      now,
      links: [{ fileId: file.id, reference: `AGENT-${file.reference}-${clock.today}`, carrier: 'AGENT' }],
    });
    await recordTimeline(
      tx,
      { tenantId: actor.tenantId, fileId: file.id, actorId: actor.membershipId, at: now },
      { kind: 'debtor_link.given', details: {} },
    );
    await recordAudit(tx, actor, { action: 'debtor_link.given', entity: 'case_file', entityId: file.id, ip });
    return { url: debtorPageUrl(env.NEXTAUTH_URL, token!) };
  });
}
