import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { RateEntryForm } from '@/components/rates/rate-entry-form';
import { RateTablesView } from '@/components/rates/rate-tables-view';
import { requireActor } from '@/lib/auth/session';
import { formatDay } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { ratesView } from '@/lib/interest/rate-queries';
import { can } from '@/lib/tenancy/permissions';
import { addEcbRateAction, addLegalRateAction } from './actions';

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';

export default async function RatesPage() {
  const actor = await requireActor();
  if (!can(actor, 'rates.read')) notFound();
  const [t, locale] = await Promise.all([getTranslations('rates'), getLocale().then(toLocale)]);
  const view = await ratesView({ actor });
  const uncovered = [
    !view.coverage.legal && t('coverage.legalMissing'),
    !view.coverage.ecb && t('coverage.ecbMissing'),
  ].filter((s): s is string => Boolean(s));

  return (
    <main className="mx-auto max-w-5xl space-y-6 px-6 py-8">
      <div>
        <h1 className="mb-2 text-2xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
        <p className="mt-1 text-xs text-slate-500">{t('today', { date: formatDay(view.today, locale) })}</p>
      </div>
      {uncovered.length > 0 && (
        <div
          role="status"
          className="rounded bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="rates-uncovered"
        >
          {uncovered.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p>{t('coverage.consequence')}</p>
        </div>
      )}
      {view.canAdd && (
        <section className={`${card} grid gap-6 md:grid-cols-2`}>
          {view.nextLegal && (
            <RateEntryForm
              action={addLegalRateAction}
              testId="legal-rate-form"
              title={t('form.legalTitle', {
                from: formatDay(view.nextLegal.from, locale),
                to: formatDay(view.nextLegal.to, locale),
              })}
              fields={[
                { name: 'validFrom', label: '', kind: 'fixed', value: view.nextLegal.from },
                { name: 'individual', label: t('form.individual'), kind: 'percent' },
                { name: 'other', label: t('form.other'), kind: 'percent' },
                { name: 'decidedOn', label: t('form.decidedOn'), kind: 'date' },
                { name: 'publishedRef', label: t('form.publishedRef'), kind: 'text' },
              ]}
            />
          )}
          <RateEntryForm
            action={addEcbRateAction}
            testId="ecb-rate-form"
            title={t('form.ecbTitle')}
            hint={t('form.ecbHint')}
            fields={[
              { name: 'validFrom', label: t('form.validFrom'), kind: 'date' },
              { name: 'rate', label: t('form.rate'), kind: 'percent' },
              { name: 'decidedOn', label: t('form.ecbDecidedOn'), kind: 'date' },
              { name: 'publishedRef', label: t('form.publishedRef'), kind: 'text' },
            ]}
          />
        </section>
      )}
      <RateTablesView view={view} locale={locale} />
    </main>
  );
}
