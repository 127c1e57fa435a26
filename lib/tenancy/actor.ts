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

/** The nil UUID: the membership of nobody, for work the agency's own machinery does (lib/bank's matched credits). */
export const AUTOMATIC = '00000000-0000-0000-0000-000000000000';

/**
 * The agency acting through its own machinery (a bank statement run from the command line): a manager's rights,
 * nobody's name. What it records carries no membership (`personOf`), so history and audit read "automatic".
 */
export function automaticActor(tenantId: string, agencySlug: string): Actor {
  return {
    identityId: AUTOMATIC,
    membershipId: AUTOMATIC,
    tenantId,
    agencySlug,
    role: 'MANAGER',
    creditorId: null,
    name: '',
  };
}

/** The membership to record as the author, or null for automatic work. */
export function personOf(actor: Actor): string | null {
  return actor.membershipId === AUTOMATIC ? null : actor.membershipId;
}
