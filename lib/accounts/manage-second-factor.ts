import { Prisma, type PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { asSelf } from './enrol-second-factor';
import { newRecoveryCodes } from './recovery-codes';
import { agentPolicySchema, memberRefSchema } from './schemas';
import { requiredIn } from './second-factor';

type Options = { actor: Actor; ip?: string; client?: PrismaClient };
const from = (ip?: string) => (ip ? { ip } : {});

/** Ten new recovery codes for oneself, shown once; the old ones stop working. */
export async function replaceRecoveryCodes({
  actor,
  ip,
  client = db(),
}: Options): Promise<{ recoveryCodes: string[] }> {
  const { codes, hashes } = newRecoveryCodes();
  await inTenant(
    scopeOf(actor),
    async (tx) => {
      await asSelf(tx, actor);
      const [row] = await tx.$queryRaw<{ done: boolean }[]>(
        Prisma.sql`SELECT app_replace_recovery_codes(${hashes}::text[]) AS done`,
      );
      if (!row?.done) throw AppError.refused('CONFLICT', 'accounts.errors.notEnrolled');
      await recordAudit(tx, actor, {
        action: 'auth.recovery_codes_replaced',
        entity: 'membership',
        entityId: actor.membershipId,
        ...from(ip),
      });
    },
    client,
  );
  return { recoveryCodes: codes };
}

/** Turning one's own second factor off, where the role does not need one; every session of the person ends. */
export async function removeOwnSecondFactor({ actor, ip, client = db() }: Options): Promise<void> {
  if (await requiredIn(client, actor.tenantId, actor.role))
    throw AppError.refused('CONFLICT', 'accounts.errors.secondFactorRequired');
  await inTenant(
    scopeOf(actor),
    async (tx) => {
      await asSelf(tx, actor);
      const [row] = await tx.$queryRaw<{ done: boolean }[]>(
        Prisma.sql`SELECT app_remove_totp(${actor.identityId}::uuid) AS done`,
      );
      if (!row?.done) throw AppError.refused('CONFLICT', 'accounts.errors.notEnrolled');
      await recordAudit(tx, actor, {
        action: 'auth.second_factor_removed',
        entity: 'membership',
        entityId: actor.membershipId,
        ...from(ip),
      });
    },
    client,
  );
}

/**
 * An admin clears a person's second factor (a lost phone): the person sets up a new one at the next sign-in, when
 * the role needs one. Not for a person who also works for another agency (app_remove_totp). Sessions end.
 */
export async function resetMemberSecondFactor({
  actor,
  input,
  ip,
  client = db(),
}: Options & { input: unknown }): Promise<{ membershipId: string }> {
  authorize(actor, 'staff.manage');
  const { membershipId } = parseInput(memberRefSchema, input);
  return inTenant(
    scopeOf(actor),
    async (tx) => {
      const member = await tx.membership.findFirst({
        where: { tenantId: actor.tenantId, id: membershipId },
        select: { identityId: true },
      });
      if (!member) throw AppError.notFound();
      const [row] = await tx.$queryRaw<{ done: boolean }[]>(
        Prisma.sql`SELECT app_remove_totp(${member.identityId}::uuid) AS done`,
      );
      if (!row?.done) throw AppError.refused('CONFLICT', 'accounts.errors.resetRefused');
      await recordAudit(tx, actor, {
        action: 'auth.second_factor_reset',
        entity: 'membership',
        entityId: membershipId,
        ...from(ip),
      });
      return { membershipId };
    },
    client,
  );
}

/** The agency's rule for agents (admins and managers always need a second factor). Next sign-ins follow it. */
export async function setAgentSecondFactorPolicy({
  actor,
  input,
  ip,
  client = db(),
}: Options & { input: unknown }): Promise<{ required: boolean }> {
  authorize(actor, 'staff.manage');
  const { required } = parseInput(agentPolicySchema, input);
  await inTenant(
    scopeOf(actor),
    async (tx) => {
      // agency has no row-level security: the WHERE on the actor's own agency is the wall.
      await tx.$executeRaw`UPDATE agency SET agent_second_factor = ${required} WHERE id = ${actor.tenantId}::uuid`;
      await recordAudit(tx, actor, {
        action: 'auth.agent_second_factor_policy',
        entity: 'agency',
        entityId: actor.tenantId,
        ...from(ip),
        details: { required },
      });
    },
    client,
  );
  return { required };
}
