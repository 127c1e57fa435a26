import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { MandateForm } from '@/components/creditors/mandate-form';
import { MandatesTable } from '@/components/creditors/mandates-table';
import { requireActor } from '@/lib/auth/session';
import { listCreditorsWithMandates } from '@/lib/creditors/queries';
import { can } from '@/lib/tenancy/permissions';
import { createMandateAction } from './actions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

export default async function CreditorsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'mandates.read')) notFound();
  const [t, { today, creditors }, { saved }] = await Promise.all([
    getTranslations('mandates'),
    listCreditorsWithMandates({ actor }),
    searchParams,
  ]);
  const manage = can(actor, 'mandates.manage');
  const savedMandate = creditors.flatMap((c) => c.mandates).find((m) => m.id === saved);
  // The agency's liability guarantee is one contract: offer the one its latest mandate quotes.
  const latestGuarantee =
    creditors
      .flatMap((c) => c.mandates)
      .filter((m) => m.guaranteeReference)
      .sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0]?.guaranteeReference ?? '';

  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      {savedMandate && (
        <p role="status" className="mb-4 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('saved', { reference: savedMandate.reference })}
        </p>
      )}
      <div className="space-y-4">
        {creditors.map((c) => {
          const active = c.mandates.find((m) => m.id === c.activeMandateId);
          return (
            <section key={c.id} className={card} data-testid={`creditor-${c.code}`}>
              <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h2 className="text-lg font-semibold">{c.name}</h2>
                <span className="font-mono text-xs text-slate-500">{c.code}</span>
                <span className="text-sm text-slate-500">{t('count', { count: c.mandates.length })}</span>
                <span className="ml-auto text-sm">
                  {active ? (
                    <span className="inline-flex items-center gap-2 text-emerald-800">
                      <span className="h-2 w-2 rounded-full bg-emerald-500" aria-hidden />
                      {t('activeIs', { reference: active.reference })}
                    </span>
                  ) : (
                    <span className="rounded bg-amber-50 px-2 py-1 text-amber-800">{t('noActive')}</span>
                  )}
                </span>
              </div>
              <MandatesTable mandates={c.mandates} editable={manage} />
              {manage && (
                <details className="mt-4 border-t border-slate-100 pt-3" data-testid={`new-mandate-${c.code}`}>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('new')}</summary>
                  <div className="mt-3">
                    <MandateForm
                      action={createMandateAction}
                      hidden={{ creditorId: c.id }}
                      initial={{
                        scope: c.mandates[0]?.scope ?? 'AMICABLE',
                        startsOn: today,
                        guaranteeReference: latestGuarantee,
                        remittanceFrequency: 'MONTHLY',
                        remittanceDeadlineDays: '30',
                      }}
                    />
                  </div>
                </details>
              )}
            </section>
          );
        })}
      </div>
    </main>
  );
}
