import { Prisma, type PrismaClient } from '../db/generated/client';
import type { Role } from '../db/generated/enums';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { requiredIn } from './second-factor';

export interface StaffRow {
  membershipId: string;
  creditorId: string | null;
  name: string;
  email: string;
  role: Role;
  creditorName: string | null;
  active: boolean;
  createdAt: Date;
  secondFactor: boolean;
}

/** The agency's people for its admin: staff first, then creditors' users, each by name. */
export async function listStaff(actor: Actor): Promise<StaffRow[]> {
  authorize(actor, 'staff.manage');
  return inTenant(scopeOf(actor), async (tx) => {
    const members = await tx.membership.findMany({
      where: { tenantId: actor.tenantId },
      select: {
        id: true,
        identityId: true,
        role: true,
        active: true,
        createdAt: true,
        creditorId: true,
        creditor: { select: { name: true } },
      },
    });
    const people = await tx.identity.findMany({
      where: { id: { in: members.map((m) => m.identityId) } },
      select: { id: true, name: true, email: true, totpEnabledAt: true },
    });
    const byId = new Map(people.map((p) => [p.id, p]));
    const order: Record<Role, number> = { ADMIN: 0, MANAGER: 1, AGENT: 2, CREDITOR: 3 };
    return members
      .map((m) => ({
        membershipId: m.id,
        creditorId: m.creditorId,
        name: byId.get(m.identityId)?.name ?? '',
        email: byId.get(m.identityId)?.email ?? '',
        role: m.role,
        creditorName: m.creditor?.name ?? null,
        active: m.active,
        createdAt: m.createdAt,
        secondFactor: Boolean(byId.get(m.identityId)?.totpEnabledAt),
      }))
      .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
  });
}

export interface SecondFactorStatus {
  enrolledAt: Date | null;
  recoveryLeft: number;
  required: boolean;
}

/** One's own second factor, for the account page. */
export async function secondFactorStatus(actor: Actor, client: PrismaClient = db()): Promise<SecondFactorStatus> {
  const [factor] = await client.$queryRaw<{ recovery_left: number }[]>(
    Prisma.sql`SELECT recovery_left FROM app_sign_in_factor(${actor.identityId}::uuid)`,
  );
  const own = await inTenant(
    scopeOf(actor),
    (tx) => tx.identity.findUnique({ where: { id: actor.identityId }, select: { email: true, totpEnabledAt: true } }),
    client,
  );
  return {
    enrolledAt: factor ? (own?.totpEnabledAt ?? null) : null,
    recoveryLeft: factor?.recovery_left ?? 0,
    required: await requiredIn(client, actor.tenantId, actor.role),
  };
}

/** One's own e-mail (the authenticator app names the account with it). */
export async function ownEmail(actor: Actor, client: PrismaClient = db()): Promise<string> {
  const own = await inTenant(
    scopeOf(actor),
    (tx) => tx.identity.findUnique({ where: { id: actor.identityId }, select: { email: true } }),
    client,
  );
  return own?.email ?? '';
}

/** The agency's rule for agents, for the staff page. */
export async function agentSecondFactorPolicy(actor: Actor, client: PrismaClient = db()): Promise<boolean> {
  authorize(actor, 'staff.manage');
  const agency = await client.agency.findUnique({ where: { id: actor.tenantId }, select: { agentSecondFactor: true } });
  return agency?.agentSecondFactor ?? false;
}

/** The agency's creditors, for choosing a creditor's user's creditor. */
export async function creditorChoices(actor: Actor, client: PrismaClient = db()) {
  authorize(actor, 'staff.manage');
  return inTenant(
    scopeOf(actor),
    (tx) =>
      tx.creditor.findMany({
        where: { tenantId: actor.tenantId },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      }),
    client,
  );
}

/** The creditors a key may be made for: the agency's, or a creditor's user's own (row security agrees). */
export async function creditorChoicesForKeys(actor: Actor, client: PrismaClient = db()) {
  authorize(actor, 'apiKeys.manage');
  return inTenant(
    scopeOf(actor),
    (tx) =>
      tx.creditor.findMany({
        where: { tenantId: actor.tenantId, ...(actor.creditorId ? { id: actor.creditorId } : {}) },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      }),
    client,
  );
}
