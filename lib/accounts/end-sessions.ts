import { Prisma, type PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db/client';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { memberRefSchema } from './schemas';

// Ending sessions bumps the person's session version (decision 0019): every token issued before — in every
// browser, and in every agency the person belongs to — stops resolving on its next request.

/** Bumps the version through the one function allowed to (the web role changes no identity). */
export async function bumpSessionVersion(tx: Tx, identityId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ ended: boolean }[]>(
    Prisma.sql`SELECT app_end_sessions(${identityId}::uuid) AS ended`,
  );
  return row?.ended === true;
}

/** Signing out: every session of the person ends, not only this browser's. */
export async function endOwnSessions({
  claims,
  ip,
  client = db(),
}: {
  claims: { identityId: string; membershipId: string; tenantId: string };
  ip?: string;
  client?: PrismaClient;
}): Promise<void> {
  await inTenant(
    { tenantId: claims.tenantId },
    async (tx) => {
      if (!(await bumpSessionVersion(tx, claims.identityId))) return;
      await recordAudit(
        tx,
        { tenantId: claims.tenantId, membershipId: claims.membershipId },
        { action: 'auth.sign_out', entity: 'membership', entityId: claims.membershipId, ...(ip ? { ip } : {}) },
      );
    },
    client,
  );
}

/** An admin's "sign out everywhere" for a person of the agency. */
export async function endMemberSessions({
  actor,
  input,
  ip,
  client = db(),
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  client?: PrismaClient;
}): Promise<{ membershipId: string }> {
  authorize(actor, 'staff.manage');
  const { membershipId } = parseInput(memberRefSchema, input);
  return inTenant(
    scopeOf(actor),
    async (tx) => {
      const member = await tx.membership.findFirst({
        where: { tenantId: actor.tenantId, id: membershipId },
        select: { identityId: true },
      });
      if (!member || !(await bumpSessionVersion(tx, member.identityId))) throw AppError.notFound();
      await recordAudit(tx, actor, {
        action: 'auth.sessions_ended',
        entity: 'membership',
        entityId: membershipId,
        ...(ip ? { ip } : {}),
      });
      return { membershipId };
    },
    client,
  );
}
