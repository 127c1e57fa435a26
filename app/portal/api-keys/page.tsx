import { notFound } from 'next/navigation';
import { ApiKeysPage } from '@/components/accounts/api-keys-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

/** The creditor's own API keys, for its systems to send claims (issue 18). */
export default async function PortalApiKeysPage() {
  const actor = await requireActor();
  if (!can(actor, 'apiKeys.manage') || !actor.creditorId) notFound();
  return <ApiKeysPage actor={actor} />;
}
