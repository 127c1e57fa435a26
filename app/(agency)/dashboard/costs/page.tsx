import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ChannelCostsForm } from '@/components/dashboard/channel-costs-form';
import { centsToInput } from '@/components/dashboard/channel-costs-state';
import { requireActor } from '@/lib/auth/session';
import { formatDateTime, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { COSTED_CHANNELS, DEFAULT_CHANNEL_COST_CENTS, DEFINITIONS } from '@/lib/reports/rules';
import { getChannelCosts } from '@/lib/reports/set-channel-costs';
import { can } from '@/lib/tenancy/permissions';
import { setChannelCostsAction } from './actions';

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';

export default async function ChannelCostsPage() {
  const actor = await requireActor();
  if (!can(actor, 'channelCosts.manage')) notFound();
  const [t, tl, locale] = await Promise.all([
    getTranslations('dashboard'),
    getTranslations('dashboard.labels'),
    getLocale().then(toLocale),
  ]);
  const { costs, updatedAt } = await getChannelCosts({ actor });

  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <div className="mb-2 flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t('costs.title')}</h1>
        <a href="/dashboard#section-scenarios" className="ml-auto text-sm text-brand-700 hover:underline">
          {t('title')}
        </a>
      </div>
      <p className="mb-2 text-sm text-slate-600">{t('costs.intro')}</p>
      <p className="mb-6 text-xs text-slate-500">
        {DEFINITIONS.scenario[locale]}{' '}
        {updatedAt ? t('costs.updatedAt', { date: formatDateTime(updatedAt, locale) }) : t('costs.neverSet')}
      </p>
      <section className={card}>
        <ChannelCostsForm
          action={setChannelCostsAction}
          locale={locale}
          channels={COSTED_CHANNELS.map((c) => ({
            channel: c,
            label: tl(`channels.${c}`),
            value: centsToInput(costs[c], locale),
            defaultText: formatMoney(DEFAULT_CHANNEL_COST_CENTS[c], 'EUR', locale),
          }))}
        />
      </section>
    </main>
  );
}
