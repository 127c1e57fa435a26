import { notFound } from 'next/navigation';
import { WorkspacePage } from '@/components/workspace/workspace-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function AgencyFilePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'files.work')) notFound();
  const { id } = await params;
  return <WorkspacePage actor={actor} id={id} />;
}
