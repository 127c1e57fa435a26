import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { configuredProvider } from './configured';

/** What the admin's form shows: the agency's account at the provider, and whether this deployment has a provider. */
export async function providerAccountOf(actor: Actor): Promise<{ account: string | null; configured: boolean }> {
  authorize(actor, 'admin.system');
  const agency = await inTenant(scopeOf(actor), (tx) =>
    tx.agency.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { stripeAccountId: true } }),
  );
  return { account: agency.stripeAccountId, configured: configuredProvider() !== null };
}
