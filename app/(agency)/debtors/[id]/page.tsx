import { notFound } from 'next/navigation';
import { DebtorRecordPage } from '@/components/privacy/debtor-record-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function AgencyDebtorPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'privacy.manage')) notFound();
  const { id } = await params;
  return <DebtorRecordPage actor={actor} id={id} />;
}
