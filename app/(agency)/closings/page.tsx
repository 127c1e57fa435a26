import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { BulkClosing } from '@/components/closing/bulk-closing';
import { DecideClosingForm } from '@/components/workspace/decide-closing-form';
import { ThresholdForm } from '@/components/closing/threshold-form';
import { requireActor } from '@/lib/auth/session';
import { ClosingReasons } from '@/components/closing/closing-reasons';
import { FilterProblem } from '@/components/dashboard/filter-problem';
import {
  closingCreditors,
  closingReasons,
  closingSettings,
  pendingClosings,
  recentBatches,
} from '@/lib/closing/queries';
import { AppError } from '@/lib/errors/app-error';
import { centsToInput } from '@/components/dashboard/channel-costs-state';
import { formatDateTime, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { can } from '@/lib/tenancy/permissions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The manager's closings: agents' closings waiting for approval, the closing reasons by creditor and month, the
 * approval threshold, bulk closings.
 */
export default async function ClosingsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'closings.approve')) notFound();
  const params = await searchParams;
  // An empty choice is every creditor; anything else goes to the query's schema, which refuses what is not an id.
  const chosen = typeof params.creditorId === 'string' && params.creditorId !== '' ? params.creditorId : undefined;
  const [t, locale, pending, settings, creditors, batches, reasons] = await Promise.all([
    getTranslations('closing'),
    getLocale().then(toLocale),
    pendingClosings(actor),
    closingSettings(actor),
    closingCreditors(actor),
    recentBatches(actor),
    closingReasons({ actor, input: chosen === undefined ? {} : { creditorId: chosen } }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'INVALID') return error;
      throw error;
    }),
  ]);
  return (
    <main className="mx-auto max-w-7xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('page.title')}</h1>

      <section className={card} data-testid="pending-closings">
        <h2 className={heading}>{t('page.pending', { count: pending.length })}</h2>
        {pending.length === 0 ? (
          <p className="text-sm text-slate-500">{t('page.nonePending')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {pending.map((p) => (
              <li key={p.id} className="grid gap-3 py-3 text-sm md:grid-cols-2">
                <div>
                  <Link href={`/files/${p.fileId}`} className="font-mono text-brand-700 hover:underline">
                    {p.reference}
                  </Link>{' '}
                  · {p.debtorName} · {p.creditorName}
                  <p className="font-medium">
                    {t('pending.title', {
                      reason: t(`reasons.${p.reason}`),
                      amount: formatMoney(p.owedCents, p.currency, locale),
                    })}
                  </p>
                  <p className="text-slate-600">
                    {t('pending.by', {
                      who: p.requestedBy ?? '—',
                      at: formatDateTime(p.requestedAt.toISOString(), locale),
                    })}
                  </p>
                  {p.note && <p className="text-slate-600">{p.note}</p>}
                  {p.evidenceName && (
                    <a className="text-brand-700 hover:underline" href={`/api/files/${p.fileId}/closing-evidence`}>
                      {t('summary.evidence', { name: p.evidenceName })}
                    </a>
                  )}
                </div>
                <DecideClosingForm closingId={p.id} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={card} data-testid="closing-reasons">
        <h2 className={heading}>{t('reasonsChart.title')}</h2>
        <p className="mb-3 text-sm text-slate-600">{t('reasonsChart.intro')}</p>
        {reasons instanceof AppError ? (
          <FilterProblem error={reasons} />
        ) : (
          <ClosingReasons data={reasons} creditors={creditors} locale={locale} />
        )}
      </section>

      {can(actor, 'closings.settings') && (
        <section className={card}>
          <h2 className={heading}>{t('page.threshold')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('page.thresholdIntro')}</p>
          <ThresholdForm value={centsToInput(settings.thresholdCents, locale)} />
        </section>
      )}

      {can(actor, 'closings.bulk') && (
        <section className={card}>
          <h2 className={heading}>{t('bulk.title')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('bulk.intro')}</p>
          <BulkClosing creditors={creditors} />
          {batches.length > 0 && (
            <table className="mt-4 w-full text-sm" data-testid="recent-batches">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="py-1 font-medium">{t('bulk.when')}</th>
                  <th className="py-1 font-medium">{t('bulk.creditor')}</th>
                  <th className="py-1 font-medium">{t('bulk.reason')}</th>
                  <th className="py-1 text-right font-medium">{t('bulk.closedOf')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {batches.map((b) => (
                  <tr key={b.id}>
                    <td className="py-1.5">{formatDateTime(b.createdAt.toISOString(), locale)}</td>
                    <td className="py-1.5">{b.creditorName}</td>
                    <td className="py-1.5">{t(`reasons.${b.reason as 'WITHDRAWN'}`)}</td>
                    <td className="py-1.5 text-right tabular-nums">
                      {t('bulk.progress', {
                        closed: b.closed,
                        skipped: b.skipped,
                        total: b.total,
                        done: b.status === 'DONE' ? 'yes' : 'no',
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </main>
  );
}
