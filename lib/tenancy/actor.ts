import type { Role } from '../db/generated/enums';
import type { TenantScope } from '../db/tenant';

/** Who is acting, resolved once per request from the session and re-checked against the database. */
export interface Actor {
  identityId: string;
  membershipId: string;
  tenantId: string;
  agencySlug: string;
  role: Role;
  creditorId: string | null;
  name: string;
}

export function scopeOf(actor: Actor): TenantScope {
  return { tenantId: actor.tenantId, creditorId: actor.creditorId };
}
