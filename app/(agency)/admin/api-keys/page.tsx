import { notFound } from 'next/navigation';
import { ApiKeysPage } from '@/components/accounts/api-keys-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

/** The agency's creditors' API keys (issue 18): admins and managers. */
export default async function AgencyApiKeysPage() {
  const actor = await requireActor();
  if (!can(actor, 'apiKeys.manage')) notFound();
  return <ApiKeysPage actor={actor} />;
}
