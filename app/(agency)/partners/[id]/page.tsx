import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PartnerForm } from '@/components/partners/partner-form';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { getPartner } from '@/lib/partners/queries';
import { can } from '@/lib/tenancy/permissions';

export default async function PartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'partners.manage')) notFound();
  const { id } = await params;
  const partner = await getPartner(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  });
  const t = await getTranslations('partners');
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-6 py-8">
      <Link href="/partners" className="text-sm text-brand-700 hover:underline">
        ← {t('title')}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{partner.name}</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <PartnerForm partner={partner} />
      </section>
    </main>
  );
}
