import type { PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db/client';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { bumpSessionVersion } from './end-sessions';
import { memberActiveSchema, memberRoleSchema } from './schemas';

type Options = { actor: Actor; input: unknown; ip?: string; client?: PrismaClient };

/**
 * The member an admin acts on, locked, with the agency's other active admins counted: an admin never changes their
 * own access (no locking oneself out by a slip), and the agency always keeps one active admin.
 */
async function lockMember(tx: Tx, actor: Actor, membershipId: string) {
  if (membershipId === actor.membershipId) throw AppError.refused('CONFLICT', 'accounts.errors.self');
  // Every admin row locked in one order: two admins demoting each other at once cannot both pass the count.
  await tx.$queryRaw`SELECT id FROM membership WHERE tenant_id = ${actor.tenantId}::uuid AND role = 'ADMIN'
                      ORDER BY id FOR UPDATE`;
  const member = await tx.membership.findFirst({
    where: { tenantId: actor.tenantId, id: membershipId },
    select: { identityId: true, role: true, active: true, creditorId: true },
  });
  if (!member) throw AppError.notFound();
  const otherAdmins = await tx.membership.count({
    where: { tenantId: actor.tenantId, role: 'ADMIN', active: true, id: { not: membershipId } },
  });
  return { member, otherAdmins };
}

/**
 * A member's role (and creditor, for a creditor's user). Their sessions end: the next sign-in applies the new
 * role's rule for the second factor. Audited with the old and new roles.
 */
export async function changeMemberRole({
  actor,
  input,
  ip,
  client = db(),
}: Options): Promise<{ membershipId: string }> {
  authorize(actor, 'staff.manage');
  const { membershipId, role, creditorId } = parseInput(memberRoleSchema, input);
  return inTenant(
    scopeOf(actor),
    async (tx) => {
      const { member, otherAdmins } = await lockMember(tx, actor, membershipId);
      if (member.role === 'ADMIN' && role !== 'ADMIN' && otherAdmins === 0)
        throw AppError.refused('CONFLICT', 'accounts.errors.lastAdmin');
      if (creditorId && !(await tx.creditor.findFirst({ where: { tenantId: actor.tenantId, id: creditorId } })))
        throw AppError.notFound();
      await tx.membership.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: membershipId } },
        data: { role, creditorId },
      });
      await bumpSessionVersion(tx, member.identityId);
      await recordAudit(tx, actor, {
        action: 'staff.role_changed',
        entity: 'membership',
        entityId: membershipId,
        ...(ip ? { ip } : {}),
        details: { from: member.role, to: role, creditorId },
      });
      return { membershipId };
    },
    client,
  );
}

/**
 * Deactivating a member ends their sessions in this agency at once (every request re-reads the membership) and
 * keeps their history; reactivating gives the access back. Audited.
 */
export async function setMemberActive({ actor, input, ip, client = db() }: Options): Promise<{ membershipId: string }> {
  authorize(actor, 'staff.manage');
  const { membershipId, active } = parseInput(memberActiveSchema, input);
  return inTenant(
    scopeOf(actor),
    async (tx) => {
      const { member, otherAdmins } = await lockMember(tx, actor, membershipId);
      if (!active && member.role === 'ADMIN' && otherAdmins === 0)
        throw AppError.refused('CONFLICT', 'accounts.errors.lastAdmin');
      if (member.active === active) return { membershipId };
      await tx.membership.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: membershipId } },
        data: { active },
      });
      await recordAudit(tx, actor, {
        action: active ? 'staff.reactivated' : 'staff.deactivated',
        entity: 'membership',
        entityId: membershipId,
        ...(ip ? { ip } : {}),
      });
      return { membershipId };
    },
    client,
  );
}
