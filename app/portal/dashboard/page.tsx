import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { DashboardFilters } from '@/components/dashboard/dashboard-filters';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { FilterProblem } from '@/components/dashboard/filter-problem';
import { DataTable } from '@/components/dashboard/data-table';
import { requireActor } from '@/lib/auth/session';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { AppError } from '@/lib/errors/app-error';
import { formatMoney, formatShortDay } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { creditorFiles, type CreditorFilesPage } from '@/lib/reports/creditor-files';
import type { Dashboard } from '@/lib/reports/dashboard-data';
import { dashboardOptions, portalDashboard } from '@/lib/reports/queries';
import { splitFilters } from '@/lib/reports/schemas';
import { can } from '@/lib/tenancy/permissions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';
const link = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50';

/** A creditor's own figures: what it placed, what came back, where its files stand, file by file. */
export default async function PortalDashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'portal.home') || !actor.creditorId) notFound();
  const [t, tl, tp, ts, locale, params] = await Promise.all([
    getTranslations('dashboard'),
    getTranslations('dashboard.labels'),
    getTranslations('phase'),
    getTranslations('status'),
    getLocale().then(toLocale),
    searchParams,
  ]);
  const { filters, rest } = splitFilters(searchParamsToObject(params));
  const query = { by: 'phase', ...filters };
  const options = await dashboardOptions({ actor });
  let data: Dashboard | null = null;
  let files: CreditorFilesPage | null = null;
  let problem: AppError | null = null;
  try {
    data = await portalDashboard({ actor, query });
    files = await creditorFiles({ actor, creditorId: actor.creditorId, query: rest.page ? { page: rest.page } : {} });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    problem = error;
  }
  const exportQuery = new URLSearchParams(
    data
      ? Object.entries(data.filters).flatMap(([k, v]) =>
          v === undefined || k === 'creditorId' ? [] : [[k, String(v)]],
        )
      : [],
  ).toString();
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const inProgress = data?.statuses.filter((s) => s.phase !== 'CLOSED').reduce((n, s) => n + s.files, 0) ?? 0;
  const closed = data?.statuses.filter((s) => s.phase === 'CLOSED') ?? [];
  const pages = files ? Math.max(1, Math.ceil(files.total / files.pageSize)) : 1;
  const pageHref = (page: number) =>
    `/portal/dashboard?${new URLSearchParams({ ...filters, page: String(page) }).toString()}`;

  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-6 flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t('portalTitle')}</h1>
        {data && (
          <p className="text-sm text-slate-600">
            {t('subtitle', {
              from: formatShortDay(data.filters.from, locale),
              to: formatShortDay(data.filters.to, locale),
            })}
          </p>
        )}
        <div className="ml-auto flex gap-2">
          <a href={`/api/reports/dashboard?${exportQuery}&format=xlsx`} className={link} download>
            {t('exports.xlsx')}
          </a>
          <a
            href={`/api/reports/creditors/${actor.creditorId}/files`}
            className={link}
            data-testid="export-files"
            download
          >
            {t('exports.files')}
          </a>
        </div>
      </div>
      <section className={`${card} mb-4`}>
        <DashboardFilters
          basePath="/portal/dashboard"
          values={filters}
          from={data?.filters.from ?? ''}
          to={data?.filters.to ?? ''}
          creditors={options.creditors}
          mandates={options.mandates}
          staff={[]}
          portal
        />
      </section>
      {problem && <FilterProblem error={problem} />}
      {data && (
        <div className="mb-4 grid gap-3 md:grid-cols-3">
          <div className={card} data-testid="portal-in-progress">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t('portal.inProgress')}</p>
            <p className="mt-1 text-xl font-semibold tabular-nums">{inProgress}</p>
          </div>
          <div className={`${card} md:col-span-2`} data-testid="portal-closed">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t('portal.closedBy')}</p>
            <p className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {closed.length === 0
                ? '—'
                : closed.map((s) => (
                    <span key={s.status}>
                      <span className="font-semibold tabular-nums">{s.files}</span> {ts(s.status).toLowerCase()}
                    </span>
                  ))}
            </p>
          </div>
        </div>
      )}
      {data && <DashboardView data={data} locale={locale} exportQuery={exportQuery} portal />}
      {files && (
        <section className={`${card} mt-4`} data-testid="portal-files">
          <div className="flex items-baseline justify-between">
            <h2 className="text-base font-semibold">{t('sections.files')}</h2>
            <span className="text-xs text-slate-500">{t('portal.page', { page: files.page, pages })}</span>
          </div>
          <DataTable
            columns={[
              { header: tl('reference') },
              { header: tl('debtor') },
              { header: tl('placedOn') },
              { header: tl('status') },
              { header: tl('closedOn') },
              { header: tl('placed'), align: 'right' },
              { header: tl('recovered'), align: 'right' },
              { header: tl('outstanding'), align: 'right' },
            ]}
            rows={files.items.map((f) => [
              f.reference,
              f.debtorName,
              formatShortDay(f.placedOn, locale),
              `${tp(f.phase)} · ${ts(f.status)}`,
              f.closedOn ? formatShortDay(f.closedOn, locale) : '',
              money(f.placedCents),
              money(f.recoveredCents),
              money(f.outstandingCents),
            ])}
          />
          <div className="mt-3 flex gap-2 text-sm">
            {files.page > 1 && (
              <a className={link} href={pageHref(files.page - 1)}>
                {t('portal.previous')}
              </a>
            )}
            {files.page < pages && (
              <a className={link} href={pageHref(files.page + 1)}>
                {t('portal.next')}
              </a>
            )}
          </div>
        </section>
      )}
    </main>
  );
}
