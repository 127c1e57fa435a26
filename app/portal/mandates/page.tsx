import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { MandatesTable } from '@/components/creditors/mandates-table';
import { requireActor } from '@/lib/auth/session';
import { listMandates } from '@/lib/creditors/queries';
import { can } from '@/lib/tenancy/permissions';

export default async function PortalMandatesPage() {
  const actor = await requireActor();
  if (!can(actor, 'portal.home') || !can(actor, 'mandates.read')) notFound();
  const [t, { creditor }] = await Promise.all([getTranslations('mandates'), listMandates({ actor })]);
  const active = creditor.mandates.find((m) => m.id === creditor.activeMandateId);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t('portalTitle')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('portalIntro', { creditor: creditor.name })}</p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="portal-mandates">
        <p className="mb-3 text-sm">
          {active ? (
            t('activeIs', { reference: active.reference })
          ) : (
            <span className="rounded bg-amber-50 px-2 py-1 text-amber-800">{t('noActive')}</span>
          )}
        </p>
        <MandatesTable mandates={creditor.mandates} editable={false} />
      </section>
    </main>
  );
}
