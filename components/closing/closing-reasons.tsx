import { getTranslations } from 'next-intl/server';
import { ComboChart } from '@/components/dashboard/charts';
import { DataTable } from '@/components/dashboard/data-table';
import type { ClosingReason, ReasonsChart } from '@/lib/closing/rules';
import { formatCount, formatShortMonth } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';

/** Each reason its colour, by the status it leads to: paid in greens, irrecoverable in reds and ambers, withdrawn greys. */
const REASON_COLOR: Record<ClosingReason, string> = {
  PAID: '#185a4b',
  SETTLED: '#4d7c0f',
  PLAN_COMPLETED: '#047857',
  INSOLVENCY_NO_ASSETS: '#9f1239',
  DECEASED_NO_ESTATE: '#be123c',
  UNTRACEABLE: '#d97706',
  TIME_BARRED: '#b45309',
  UNECONOMIC: '#f59e0b',
  WITHDRAWN: '#64748b',
  MANDATE_ENDED: '#94a3b8',
};

/**
 * Closing reasons by month (bars stacked by reason) and by creditor (the table), from the decided closings of the
 * last twelve months; a creditor may be chosen (a plain GET form: the page reads it back through the query's schema).
 */
export async function ClosingReasons({
  data,
  creditors,
  locale,
}: {
  data: ReasonsChart & { creditorId: string | null };
  creditors: { id: string; name: string }[];
  locale: Locale;
}) {
  const t = await getTranslations('closing');
  const reasons = data.reasons;
  const count = (n: number | undefined) => formatCount(n ?? 0, locale);
  const total = data.months.reduce((s, m) => s + m.total, 0);
  return (
    <div className="space-y-3">
      <form method="get" action="/closings" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          <span className="text-xs text-slate-500">{t('reasonsChart.creditor')}</span>
          <select
            name="creditorId"
            defaultValue={data.creditorId ?? ''}
            className="rounded border border-slate-300 bg-white px-2 py-1"
          >
            <option value="">{t('reasonsChart.allCreditors')}</option>
            {creditors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
          {t('reasonsChart.show')}
        </button>
      </form>
      {total === 0 ? (
        <p className="text-sm text-slate-500" data-testid="closing-reasons-empty">
          {t('reasonsChart.none')}
        </p>
      ) : (
        <>
          <ComboChart
            testId="chart-closing-reasons"
            locale={locale}
            xKey="label"
            data={data.months.map((m) => ({
              label: formatShortMonth(m.month, locale),
              ...Object.fromEntries(reasons.map((r) => [r, m.counts[r] ?? 0])),
            }))}
            series={reasons.map((r) => ({
              key: r,
              name: t(`reasons.${r}`),
              color: REASON_COLOR[r],
              format: 'count' as const,
              stack: 'reasons',
            }))}
          />
          <DataTable
            testId="closing-reasons-table"
            columns={[
              { header: t('reasonsChart.creditor') },
              ...reasons.map((r) => ({ header: t(`reasons.${r}`), align: 'right' as const })),
              { header: t('reasonsChart.total'), align: 'right' },
            ]}
            rows={data.creditors.map((c) => [c.name, ...reasons.map((r) => count(c.counts[r])), count(c.total)])}
            footer={[
              t('reasonsChart.total'),
              ...reasons.map((r) => count(data.months.reduce((s, m) => s + (m.counts[r] ?? 0), 0))),
              count(total),
            ]}
          />
        </>
      )}
    </div>
  );
}
