import type { PrismaClient } from '../db/generated/client';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { Actor } from './actor';
import { sessionClaimsSchema } from './schemas';

/**
 * Turns session claims into an Actor, re-reading membership, role and creditor from the database so a
 * revoked or changed membership takes effect at once, whatever the token says. Given the token's session
 * version, a session ended since (lib/tenancy/end-sessions.ts) is refused too.
 */
export async function resolveActor(
  claims: unknown,
  client: PrismaClient = db(),
  session?: { sessionVersion: number },
): Promise<Actor> {
  const parsed = sessionClaimsSchema.safeParse(claims);
  if (!parsed.success) throw new AppError('UNAUTHENTICATED', 'errors.auth.signIn');
  const { tenantId, membershipId, identityId } = parsed.data;
  const found = await inTenant(
    { tenantId },
    async (tx) => {
      const membership = await tx.membership.findFirst({
        where: { tenantId, id: membershipId, identityId, active: true },
        select: { role: true, creditorId: true },
      });
      if (!membership) return null;
      // One connection per transaction: queries run one after the other (pg refuses overlapping ones).
      const identity = await tx.identity.findUnique({
        where: { id: identityId },
        select: { name: true, sessionVersion: true },
      });
      if (session && identity?.sessionVersion !== session.sessionVersion) return null;
      const agency = await tx.agency.findUnique({ where: { id: tenantId }, select: { slug: true } });
      return identity && agency ? { membership, identity, agency } : null;
    },
    client,
  );
  if (!found) throw new AppError('UNAUTHENTICATED', 'errors.auth.signIn');
  return {
    identityId,
    membershipId,
    tenantId,
    agencySlug: found.agency.slug,
    role: found.membership.role,
    creditorId: found.membership.creditorId,
    name: found.identity.name,
  };
}
