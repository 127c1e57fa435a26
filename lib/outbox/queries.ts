import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

export interface CapturedMailRow {
  id: string;
  messageId: string | null;
  sender: string | null;
  recipients: string;
  subject: string | null;
  textBody: string | null;
  receivedAt: Date;
}

/** What the local capture SMTP server received for this agency, newest first (ADMIN only). */
export async function listCapturedMail(
  actor: Actor,
  { take = 100 }: { take?: number } = {},
): Promise<CapturedMailRow[]> {
  authorize(actor, 'admin.system');
  return inTenant(scopeOf(actor), (tx) =>
    tx.capturedMail.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: { receivedAt: 'desc' },
      take: Math.min(Math.max(take, 1), 500),
      select: {
        id: true,
        messageId: true,
        sender: true,
        recipients: true,
        subject: true,
        textBody: true,
        receivedAt: true,
      },
    }),
  );
}
