import { notFound } from 'next/navigation';
import { ImportPage } from '@/components/imports/import-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function AgencyImportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'imports.read')) notFound();
  return <ImportPage actor={actor} id={(await params).id} basePath="" />;
}
