import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { FileDetail } from '@/lib/cases/queries';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { FileAmounts } from '@/lib/payments/file-amounts';
import { StatusBadge } from '../../status-badge';

/** Back links, who owes whom, the status and phase, and where the file stands in money. */
export async function FileHeader({
  file,
  amounts,
  hasQueue,
  locale,
}: {
  file: FileDetail;
  amounts: FileAmounts;
  hasQueue: boolean;
  locale: Locale;
}) {
  const [t, tr] = await Promise.all([getTranslations('workspace'), getTranslations()]);
  const b2b = amounts.charges !== 'INTEREST';
  const interestLabel = { PENALTIES: 'amounts.penalties', INTEREST: 'amounts.interest', BOTH: 'amounts.both' } as const;
  const figures: { key: string; label: string; cents: number; strong?: boolean }[] = [
    { key: 'principal', label: t('amounts.principal'), cents: amounts.totals.principalCents },
    {
      key: 'interest',
      label: t(interestLabel[amounts.charges], { date: formatDay(amounts.asOf, locale) }),
      cents: amounts.totals.interestCents,
    },
    ...(b2b ? [{ key: 'indemnity', label: t('amounts.indemnity'), cents: amounts.totals.indemnityCents }] : []),
    { key: 'collected', label: t('amounts.collected'), cents: amounts.totals.collectedCents },
    { key: 'credit', label: t('amounts.credit'), cents: amounts.totals.creditCents },
    { key: 'due', label: t('amounts.due'), cents: amounts.totals.dueCents, strong: true },
  ];
  return (
    <>
      <nav className="flex gap-4 text-sm">
        {hasQueue && (
          <Link href="/queue" className="text-brand-700 hover:underline">
            ← {t('backToQueue')}
          </Link>
        )}
        <Link href="/files" className="text-brand-700 hover:underline">
          {tr('file.back')}
        </Link>
      </nav>

      <header className="mt-3 mb-5">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="debtor-name">
            {file.debtor.displayName}
          </h1>
          <span className="font-mono text-sm text-slate-500" data-testid="file-reference">
            {file.reference}
          </span>
          <StatusBadge status={file.status} label={tr(`status.${file.status}`)} />
          <span className="text-sm text-slate-600">{tr(`phase.${file.phase}`)}</span>
          <span className="ml-auto text-sm text-slate-500">
            {file.creditor.name} · {tr('file.placedOn', { date: formatDay(file.placedAt.slice(0, 10), locale) })}
          </span>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" data-testid="file-amounts">
          {figures.map((f) => (
            <div
              key={f.key}
              className={`rounded-lg border px-3 py-2 ${f.strong ? 'border-brand-600 bg-brand-50' : 'border-slate-200 bg-white'}`}
            >
              <dt className="text-xs text-slate-500">{f.label}</dt>
              <dd
                className={`tabular-nums ${f.strong ? 'text-lg font-semibold text-brand-900' : 'font-medium'}`}
                data-testid={`amount-${f.key}`}
              >
                {formatMoney(f.cents, file.currency, locale)}
              </dd>
            </div>
          ))}
        </dl>
        {!file.mandateInForce && (
          <p
            role="status"
            className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
            data-testid="mandate-not-in-force"
          >
            {t('mandateNotInForce', { reason: tr('timeline.reasons.MANDATE_NOT_IN_FORCE') })}
          </p>
        )}
        {amounts.estimated && (
          <p className="mt-2 text-xs text-amber-800" data-testid="estimated-rate">
            {t('amounts.estimated')}
          </p>
        )}
      </header>
    </>
  );
}
