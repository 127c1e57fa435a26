import type { Role } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

export interface StaffRow {
  membershipId: string;
  name: string;
  email: string;
  role: Role;
  creditorName: string | null;
  active: boolean;
  createdAt: Date;
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
        creditor: { select: { name: true } },
      },
    });
    const people = await tx.identity.findMany({
      where: { id: { in: members.map((m) => m.identityId) } },
      select: { id: true, name: true, email: true },
    });
    const byId = new Map(people.map((p) => [p.id, p]));
    const order: Record<Role, number> = { ADMIN: 0, MANAGER: 1, AGENT: 2, CREDITOR: 3 };
    return members
      .map((m) => ({
        membershipId: m.id,
        name: byId.get(m.identityId)?.name ?? '',
        email: byId.get(m.identityId)?.email ?? '',
        role: m.role,
        creditorName: m.creditor?.name ?? null,
        active: m.active,
        createdAt: m.createdAt,
      }))
      .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
  });
}
