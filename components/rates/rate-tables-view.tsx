import { getTranslations } from 'next-intl/server';
import { formatDay, formatRate } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { RatesView } from '@/lib/interest/rate-queries';

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';
const th = 'py-2 pr-4 font-medium';
const head = 'border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500';

/** Both tables, newest first, each row with the text it comes from. */
export async function RateTablesView({ view, locale }: { view: RatesView; locale: Locale }) {
  const t = await getTranslations('rates');
  const source = (r: { decidedOn: string; publishedRef: string | null }, key: 'legal.decided' | 'ecb.decided') => (
    <>
      {t(key, { date: formatDay(r.decidedOn, locale) })}
      {r.publishedRef && <span className="block text-xs text-slate-500">{r.publishedRef}</span>}
    </>
  );
  return (
    <div className="space-y-6">
      <section className={card}>
        <h2 className="mb-3 text-lg font-semibold">{t('legal.title')}</h2>
        <table className="w-full text-sm" data-testid="legal-rates">
          <thead className={head}>
            <tr>
              <th scope="col" className={th}>
                {t('legal.period')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('legal.individual')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('legal.other')}
              </th>
              <th scope="col" className={th}>
                {t('legal.source')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {view.legal.map((r) => (
              <tr key={r.validFrom}>
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  {t('legal.periodValue', { from: formatDay(r.validFrom, locale), to: formatDay(r.validTo, locale) })}
                </td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{formatRate(r.individualBps, locale)}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{formatRate(r.otherBps, locale)}</td>
                <td className="py-1.5">{source(r, 'legal.decided')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.legal.length === 0 && <p className="text-sm text-slate-500">{t('legal.empty')}</p>}
      </section>
      <section className={card}>
        <h2 className="mb-3 text-lg font-semibold">{t('ecb.title')}</h2>
        <table className="w-full text-sm" data-testid="ecb-rates">
          <thead className={head}>
            <tr>
              <th scope="col" className={th}>
                {t('ecb.from')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('ecb.rate')}
              </th>
              <th scope="col" className={th}>
                {t('ecb.source')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {view.ecb.map((r) => (
              <tr key={r.validFrom}>
                <td className="py-1.5 pr-4 whitespace-nowrap">{formatDay(r.validFrom, locale)}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{formatRate(r.rateBps, locale)}</td>
                <td className="py-1.5">{source(r, 'ecb.decided')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.ecb.length === 0 && <p className="text-sm text-slate-500">{t('ecb.empty')}</p>}
      </section>
    </div>
  );
}
