import { notFound } from 'next/navigation';
import { AuditPage } from '@/components/audit/audit-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AgencyAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'audit.read')) notFound();
  return <AuditPage actor={actor} searchParams={await searchParams} />;
}
