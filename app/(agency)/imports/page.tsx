import { notFound } from 'next/navigation';
import { ImportsPage } from '@/components/imports/imports-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function AgencyImportsPage() {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'imports.read')) notFound();
  return <ImportsPage actor={actor} basePath="" />;
}
