import { notFound } from 'next/navigation';
import { isCatalogueKey, renderErrorRef } from '@/lib/errors/describe';
import { getLocale, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/dashboard/data-table';
import { requireActor } from '@/lib/auth/session';
import { dayIn } from '@/lib/dates/days';
import { formatMoney, formatShortDay } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { DEFINITIONS } from '@/lib/reports/rules';
import { TARGET_METRICS, TARGET_PERIODS } from '@/lib/reports/schemas';
import { listTargets } from '@/lib/reports/set-target';
import { can } from '@/lib/tenancy/permissions';
import { setTargetAction } from './actions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TARGET_FIELD_LABEL: Record<string, 'agent' | 'metric' | 'period' | 'value' | 'validFrom'> = {
  agentId: 'agent',
  metric: 'metric',
  period: 'period',
  target: 'value',
  validFrom: 'validFrom',
};

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';
const field = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';
const label = 'flex flex-col gap-1 text-xs font-medium text-slate-600';

export default async function TargetsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'targets.manage')) notFound();
  const [t, locale, params] = await Promise.all([
    getTranslations('dashboard'),
    getLocale().then(toLocale),
    searchParams,
  ]);
  const { targets, agents } = await listTargets({ actor });
  const error = typeof params.error === 'string' ? params.error : null;
  const reason = typeof params.reason === 'string' ? params.reason : '';
  const fieldLabel = error && TARGET_FIELD_LABEL[error] ? t(`targets.${TARGET_FIELD_LABEL[error]}`) : error;
  // The reason is a catalogue key the action put in the address; anything else is not shown.
  const problem = isCatalogueKey(reason) ? renderErrorRef({ key: reason }, locale) : '';
  const saved = params.saved === '1';
  const today = dayIn('Europe/Paris');

  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <div className="mb-2 flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t('targets.title')}</h1>
        <a href="/dashboard" className="ml-auto text-sm text-brand-700 hover:underline">
          {t('title')}
        </a>
      </div>
      <p className="mb-6 text-sm text-slate-600">
        {t('targets.intro')} {DEFINITIONS.targetAttainment[locale]}
      </p>
      {saved && (
        <p role="status" className="mb-4 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('targets.saved')}
        </p>
      )}
      {error && (
        <p role="alert" className="mb-4 rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {t('fieldProblem', { field: fieldLabel ?? '', message: problem })}
        </p>
      )}
      <section className={`${card} mb-4`}>
        <form action={setTargetAction} className="flex flex-wrap items-end gap-3" data-testid="target-form">
          <label className={label}>
            {t('targets.agent')}
            <select name="agentId" required className={field}>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            {t('targets.metric')}
            <select name="metric" className={field}>
              {TARGET_METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`targets.metrics.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            {t('targets.value')}
            <input name="target" type="number" min={0} step={1} required className={`${field} w-28`} />
            <span className="font-normal text-slate-500">{t('targets.valueHint')}</span>
          </label>
          <label className={label}>
            {t('targets.period')}
            <select name="period" defaultValue="MONTH" className={field}>
              {TARGET_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`targets.periods.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            {t('targets.validFrom')}
            <input name="validFrom" type="date" defaultValue={`${today.slice(0, 7)}-01`} required className={field} />
          </label>
          <button
            type="submit"
            className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900"
          >
            {t('targets.save')}
          </button>
        </form>
      </section>
      <section className={card}>
        <h2 className="text-base font-semibold">{t('targets.current')}</h2>
        {targets.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">{t('targets.none')}</p>
        ) : (
          <DataTable
            testId="targets-table"
            columns={[
              { header: t('targets.agent') },
              { header: t('targets.metric') },
              { header: t('targets.value'), align: 'right' },
              { header: t('targets.period') },
              { header: t('targets.validFrom') },
            ]}
            rows={targets.map((r) => [
              r.agentName,
              t(`targets.metrics.${r.metric as (typeof TARGET_METRICS)[number]}`),
              r.metric === 'COLLECTED' ? formatMoney(r.target, 'EUR', locale) : r.target,
              t(`targets.periods.${r.period as (typeof TARGET_PERIODS)[number]}`),
              formatShortDay(r.validFrom, locale),
            ])}
          />
        )}
      </section>
    </main>
  );
}
