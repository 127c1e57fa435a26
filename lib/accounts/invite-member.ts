import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { env } from '../config/env';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { translatorFor } from '../i18n/translate';
import { TENANT_HEADER } from '../mail/capture-server';
import type { MailMessage } from '../mail/transport';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { inviteMemberSchema } from './schemas';
import { newSecretToken } from './secret-token';

/** How long an invitation's link lets the person choose a first password (app_invite_member). */
export const INVITE_LINK_DAYS = 7;

/**
 * An admin gives a person access to the agency with a role (and, for a creditor's user, its creditor). A new person
 * gets an e-mail with a single-use link to choose a password, valid a week; a person who already signs in elsewhere
 * gets an e-mail saying so (their password is not this agency's to set). Already a member: refused on `email`.
 * Audited; the e-mail leaves after the answer (`deliver`).
 */
export async function inviteMember({
  actor,
  input,
  ip,
  deliver,
  client = db(),
  baseUrl = env.NEXTAUTH_URL,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  deliver: (message: MailMessage) => unknown;
  client?: PrismaClient;
  baseUrl?: string;
}): Promise<{ membershipId: string }> {
  authorize(actor, 'staff.manage');
  const v = parseInput(inviteMemberSchema, input);
  const { token, sha256 } = newSecretToken();
  const { membershipId, invited, agency, creditorName } = await inTenant(
    scopeOf(actor),
    async (tx) => {
      const creditor = v.creditorId
        ? await tx.creditor.findFirst({ where: { tenantId: actor.tenantId, id: v.creditorId }, select: { name: true } })
        : null;
      // Another agency's creditor is no creditor at all here: the same answer as any id not ours.
      if (v.creditorId && !creditor) throw AppError.notFound();
      const [row] = await tx.$queryRaw<{ membership_id: string; invited: boolean }[]>(Prisma.sql`
        SELECT membership_id, invited
          FROM app_invite_member(${v.email}, ${v.name}, ${v.locale}, ${v.role}::"Role", ${v.creditorId}::uuid, ${sha256})`);
      if (!row) throw AppError.invalid({ email: 'accounts.errors.alreadyMember' });
      await recordAudit(tx, actor, {
        action: 'staff.invited',
        entity: 'membership',
        entityId: row.membership_id,
        ...(ip ? { ip } : {}),
        details: { role: v.role, creditorId: v.creditorId, newAccount: row.invited },
      });
      const agencyRow = await tx.agency.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { name: true } });
      return {
        membershipId: row.membership_id,
        invited: row.invited,
        agency: agencyRow.name,
        creditorName: creditor?.name ?? null,
      };
    },
    client,
  );
  const t = translatorFor(v.locale, 'accounts');
  const roleName = t(`roles.${v.role}`);
  const values = {
    name: v.name,
    agency,
    role: creditorName ? `${roleName} (${creditorName})` : roleName,
    inviter: actor.name,
    days: INVITE_LINK_DAYS,
    link: invited
      ? new URL(`/signin/reset?${new URLSearchParams({ token }).toString()}`, baseUrl).toString()
      : new URL('/signin', baseUrl).toString(),
  };
  await deliver({
    to: v.email,
    subject: t('mail.invite.subject', values),
    text: t(invited ? 'mail.invite.body' : 'mail.invite.bodyExisting', values),
    messageId: `<invite-${randomUUID()}@recouvra.local>`,
    headers: { [TENANT_HEADER]: actor.tenantId },
  });
  return { membershipId };
}
