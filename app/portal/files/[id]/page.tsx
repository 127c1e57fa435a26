import { notFound } from 'next/navigation';
import { FilePage } from '@/components/files/file-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function PortalFilePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'portal.home')) notFound();
  const { id } = await params;
  return <FilePage actor={actor} id={id} backHref="/portal" />;
}
