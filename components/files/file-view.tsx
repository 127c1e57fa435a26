import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FileDetail } from '@/lib/cases/queries';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { StatusBadge } from '../status-badge';
import { Timeline } from './timeline';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

export async function FileView({ file, backHref }: { file: FileDetail; backHref: string }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale().then(toLocale)]);
  const money = (cents: number) => formatMoney(cents, file.currency, locale);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <Link href={backHref} className="text-sm text-brand-700 hover:underline">
        ← {t('file.back')}
      </Link>
      <div className="mt-3 mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="debtor-name">
          {file.debtor.displayName}
        </h1>
        <span className="font-mono text-sm text-slate-500">{file.reference}</span>
        <StatusBadge status={file.status} label={t(`status.${file.status}`)} />
        <span className="text-sm text-slate-600">{t(`phase.${file.phase}`)}</span>
        <span className="ml-auto text-sm text-slate-500">
          {t('file.placedOn', { date: formatDay(file.placedAt.slice(0, 10), locale) })}
        </span>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <section className={card}>
          <h2 className={heading}>{t('file.debtor')}</h2>
          <p className="font-medium">{file.debtor.displayName}</p>
          <p className="text-sm text-slate-600">{t(file.debtor.kind === 'COMPANY' ? 'file.company' : 'file.person')}</p>
          {file.debtor.siren && (
            <p className="mt-2 text-sm">
              {t('file.siren')} <span className="font-mono">{file.debtor.siren}</span>
            </p>
          )}
          {file.debtor.siret && (
            <p className="text-sm">
              {t('file.siret')} <span className="font-mono">{file.debtor.siret}</span>
            </p>
          )}
          <h2 className={`${heading} mt-5`}>{t('file.creditor')}</h2>
          <p className="font-medium">{file.creditor.name}</p>
          <p className="font-mono text-xs text-slate-500">{file.creditor.code}</p>
        </section>

        <section className={`${card} lg:col-span-2`}>
          <h2 className={heading}>{t('file.contacts')}</h2>
          {file.contactPoints.length === 0 ? (
            <p className="text-sm text-slate-500">{t('file.noContacts')}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {file.contactPoints.map((c) => (
                <li key={c.id} className="flex flex-wrap items-baseline gap-x-3 py-2 text-sm">
                  <span className="w-20 text-xs font-medium text-slate-500 uppercase">
                    {t(`contactKind.${c.kind}`)}
                  </span>
                  <span
                    className={c.status === 'VALID' || c.status === 'UNVERIFIED' ? '' : 'text-slate-400 line-through'}
                  >
                    {c.value}
                  </span>
                  <span className="text-xs text-slate-500">{t(`contactStatus.${c.status}`)}</span>
                  <span className="ml-auto text-xs text-slate-400">
                    {t('file.source', {
                      source: t.has(`contactSource.${c.source}`) ? t(`contactSource.${c.source}`) : c.source,
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className={`${card} lg:col-span-2`}>
          <h2 className={heading}>
            {t('file.claims')} · {t('file.claimCount', { count: file.totals.claimCount })}
          </h2>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 font-medium">{t('file.invoice')}</th>
                <th className="py-1 font-medium">{t('file.issuedOn')}</th>
                <th className="py-1 font-medium">{t('file.dueOn')}</th>
                <th className="py-1 text-right font-medium">{t('file.principal')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {file.claims.map((c) => (
                <tr key={c.id}>
                  <td className="py-1.5 font-mono text-xs">{c.invoiceNumber}</td>
                  <td className="py-1.5">{formatDay(c.issuedOn, locale)}</td>
                  <td className="py-1.5">{formatDay(c.dueOn, locale)}</td>
                  <td className="py-1.5 text-right tabular-nums">{money(c.principalCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-200 font-semibold">
                <td className="py-2" colSpan={3}>
                  {t('file.total')}
                </td>
                <td className="py-2 text-right tabular-nums" data-testid="claims-total">
                  {money(file.totals.principalCents)}
                </td>
              </tr>
            </tfoot>
          </table>
        </section>

        <section className={card}>
          <h2 className={heading}>{t('file.timeline')}</h2>
          <Timeline lines={file.activities} />
        </section>
      </div>
    </main>
  );
}
