import type { PrismaClient } from '../../../lib/db/generated/client';
import type { Role } from '../../../lib/db/generated/enums';
import type { Actor } from '../../../lib/tenancy/actor';
import { resolveActor } from '../../../lib/tenancy/resolve-actor';

/** The actor a member of this agency would be once signed in (through the real resolver). */
export async function actorFor(owner: PrismaClient, tenantId: string, role: Role): Promise<Actor> {
  const membership = await owner.membership.findFirstOrThrow({ where: { tenantId, role } });
  return resolveActor({ tenantId, membershipId: membership.id, identityId: membership.identityId });
}
