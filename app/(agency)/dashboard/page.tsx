import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { DashboardFilters } from '@/components/dashboard/dashboard-filters';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { FilterProblem } from '@/components/dashboard/filter-problem';
import { requireActor } from '@/lib/auth/session';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { AppError } from '@/lib/errors/app-error';
import { formatShortDay } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import type { Dashboard } from '@/lib/reports/dashboard-data';
import { dashboard, dashboardOptions } from '@/lib/reports/queries';
import { splitFilters } from '@/lib/reports/schemas';
import { can } from '@/lib/tenancy/permissions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';
const link = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50';

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'dashboards.read')) notFound();
  const [t, locale, params] = await Promise.all([
    getTranslations('dashboard'),
    getLocale().then(toLocale),
    searchParams,
  ]);
  const { filters } = splitFilters(searchParamsToObject(params));
  const options = await dashboardOptions({ actor });
  let data: Dashboard | null = null;
  let problem: AppError | null = null;
  try {
    data = await dashboard({ actor, query: filters });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    problem = error;
  }
  const exportQuery = new URLSearchParams(
    data
      ? Object.entries(data.filters).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))
      : Object.entries(filters),
  ).toString();
  const reportMonth = (data?.filters.to ?? new Date().toISOString()).slice(0, 7);

  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-6 flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        {data && (
          <p className="text-sm text-slate-600" data-testid="dashboard-period">
            {t('subtitle', {
              from: formatShortDay(data.filters.from, locale),
              to: formatShortDay(data.filters.to, locale),
            })}
          </p>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-2" data-testid="exports">
          {can(actor, 'targets.manage') && (
            <a href="/dashboard/targets" className={link}>
              {t('navTargets')}
            </a>
          )}
          {can(actor, 'channelCosts.manage') && (
            <a href="/dashboard/costs" className={link}>
              {t('navCosts')}
            </a>
          )}
          <a
            href={`/api/reports/dashboard?${exportQuery}&format=xlsx`}
            className={link}
            data-testid="export-xlsx"
            download
          >
            {t('exports.xlsx')}
          </a>
          <form method="get" action="/api/reports/monthly" className="flex items-center gap-2">
            <label className="sr-only" htmlFor="report-month">
              {t('exports.month')}
            </label>
            <input
              id="report-month"
              type="month"
              name="month"
              defaultValue={reportMonth}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            />
            {data?.filters.creditorId && <input type="hidden" name="creditorId" value={data.filters.creditorId} />}
            <button type="submit" className={link} data-testid="export-pdf">
              {t('exports.pdf')}
            </button>
          </form>
          {data?.filters.creditorId && (
            <a href={`/api/reports/creditors/${data.filters.creditorId}/files`} className={link} download>
              {t('exports.files')}
            </a>
          )}
        </div>
      </div>
      <section className={`${card} mb-4`}>
        <DashboardFilters
          basePath="/dashboard"
          values={filters}
          from={data?.filters.from ?? ''}
          to={data?.filters.to ?? ''}
          creditors={options.creditors}
          mandates={options.mandates.filter(
            (m) => !data?.filters.creditorId || m.creditorId === data.filters.creditorId,
          )}
          staff={options.staff}
          portal={false}
        />
      </section>
      {problem && <FilterProblem error={problem} />}
      {data && !data.aging.asOf && (
        <p role="status" className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t('notRebuilt')}
        </p>
      )}
      {data && (
        <DashboardView
          data={data}
          locale={locale}
          exportQuery={exportQuery}
          canEditCosts={can(actor, 'channelCosts.manage')}
        />
      )}
    </main>
  );
}
