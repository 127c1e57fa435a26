import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireActor } from '@/lib/auth/session';
import { formatDay } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { declarationWatch, type WatchState } from '@/lib/insolvency/declaration-watch';
import { can } from '@/lib/tenancy/permissions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

const ROW_TONE: Record<WatchState, string> = {
  LAPSED: 'bg-red-50 text-red-800',
  ALERT: 'bg-amber-50 text-amber-900',
  UNKNOWN: '',
  OPEN: '',
};

/**
 * The managers' watch over claim declarations (issue 14): which declarations lapsed or are about to, across the
 * agency's files, each linked to the file where it is filed.
 */
export default async function DeclarationsPage() {
  const actor = await requireActor();
  if (!can(actor, 'declarations.watch')) notFound();
  const [t, tAll, locale, watch] = await Promise.all([
    getTranslations('declarationWatch'),
    getTranslations(),
    getLocale().then(toLocale),
    declarationWatch({ actor }),
  ]);
  const lapsed = watch.rows.filter((r) => r.state === 'LAPSED').length;
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-4 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <p
        className={`mb-4 text-sm font-medium ${lapsed > 0 ? 'text-red-700' : 'text-slate-600'}`}
        data-testid="declarations-lapsed"
      >
        {t('lapsedCount', { count: lapsed })}
      </p>
      <section className={card}>
        {watch.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t('empty')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="declarations-watch">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4">{t('deadline')}</th>
                <th className="py-2 pr-4">{t('state')}</th>
                <th className="py-2 pr-4">{t('file')}</th>
                <th className="py-2 pr-4">{t('creditor')}</th>
                <th className="py-2 pr-4">{t('debtor')}</th>
                <th className="py-2 pr-4">{t('proceedings')}</th>
              </tr>
            </thead>
            <tbody>
              {watch.rows.map((r) => (
                <tr
                  key={r.fileId}
                  className={`border-t border-slate-100 ${ROW_TONE[r.state]}`}
                  data-state={r.state}
                  data-file={r.fileReference}
                >
                  <td className="py-2 pr-4 whitespace-nowrap tabular-nums">
                    {r.deadline ? formatDay(r.deadline, locale) : t('noDeadline')}
                    {r.extended && <span className="block text-xs">{t('extended')}</span>}
                  </td>
                  <td className={`py-2 pr-4 ${r.state === 'LAPSED' ? 'font-semibold' : ''}`}>
                    {t(`states.${r.state}`)}
                  </td>
                  <td className="py-2 pr-4">
                    <Link className="underline" href={`/files/${r.fileId}`}>
                      {r.fileReference}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{r.creditorName}</td>
                  <td className="py-2 pr-4">{r.debtorName}</td>
                  <td className="py-2 pr-4">
                    {tAll(`workspace.eventKinds.${r.proceedings}`)}{' '}
                    <span className="text-xs">
                      {t('openedOn', { on: formatDay(r.openedOn, locale) })} ·{' '}
                      {tAll(`insolvency.courtSeat.${r.courtSeat}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-3 text-sm text-slate-600" data-testid="declarations-later">
          {t('openLater', { count: watch.openLater })}
        </p>
      </section>
    </main>
  );
}
