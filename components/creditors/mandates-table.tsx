import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { MandateView } from '@/lib/creditors/queries';
import { formatDay, formatMoney, formatRate } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { penaltyBasisOf } from '@/lib/interest/claim-terms';
import { MandateStateBadge } from './mandate-state-badge';

interface Props {
  mandates: MandateView[];
  /** Agency admins and managers get an edit link on each row. */
  editable: boolean;
}

/** A creditor's mandates with every term R124-3 asks the mandate to state. */
export async function MandatesTable({ mandates, editable }: Props) {
  const [t, natures, locale] = await Promise.all([
    getTranslations('mandates'),
    getTranslations('scenarios.natures'),
    getLocale().then(toLocale),
  ]);
  if (mandates.length === 0) return <p className="py-4 text-sm text-slate-500">{t('none')}</p>;
  const day = (d: string) => formatDay(d, locale);
  return (
    <div className="overflow-x-auto">
      {/* Fixed columns, so the tables of successive creditors line up. */}
      <table className="w-full table-fixed text-sm">
        <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="w-[16%] py-2 pr-4 font-medium">{t('reference')}</th>
            <th className="w-[15%] py-2 pr-4 font-medium">{t('period')}</th>
            <th className="w-[9%] py-2 pr-4 font-medium">{t('state')}</th>
            <th className="w-[15%] py-2 pr-4 font-medium">{t('remuneration')}</th>
            <th className="w-[15%] py-2 pr-4 font-medium">{t('remittance')}</th>
            <th className="w-[15%] py-2 pr-4 font-medium">{t('guarantee')}</th>
            <th className="w-[9%] py-2 pr-4 font-medium">{t('document')}</th>
            {editable && (
              <th className="w-[6%] py-2 font-medium">
                <span className="sr-only">{t('edit')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {mandates.map((m) => (
            <tr key={m.id} className="align-top" data-testid={`mandate-${m.reference}`}>
              <td className="py-2 pr-4">
                <p className="font-mono text-xs font-medium break-all">{m.reference}</p>
                <p className="text-xs text-slate-500">{t(`scopes.${m.scope}`)}</p>
                {m.scope === 'AMICABLE_AND_JUDICIAL' && (
                  <p className="text-xs text-slate-500" data-testid={`mandate-judicial-costs-${m.reference}`}>
                    {t('judicialCostsBy', { by: t(`form.judicialCostsByOptions.${m.judicialCostsBy}`) })}
                  </p>
                )}
                <p className="text-xs text-slate-500" data-testid={`mandate-claim-terms-${m.reference}`}>
                  {m.defaultNature ? natures(m.defaultNature) : t('form.byDebtorType')} ·{' '}
                  {t(`form.penaltyBases.${penaltyBasisOf(m.contractRateBps)}`)}
                  {m.contractRateBps ? ` (${formatRate(m.contractRateBps, locale)})` : ''}
                </p>
              </td>
              <td className="py-2 pr-4">
                {m.endsOn ? (
                  `${day(m.startsOn)} → ${day(m.endsOn)}`
                ) : (
                  <>
                    {t('from', { start: day(m.startsOn) })}
                    <p className="text-xs text-slate-500">{t('noEnd')}</p>
                  </>
                )}
              </td>
              <td className="py-2 pr-4">
                <MandateStateBadge state={m.state} label={t(`states.${m.state}`)} />
              </td>
              <td className="py-2 pr-4 tabular-nums">
                <p>{t('amicableRate', { rate: formatRate(m.commissionAmicableBps, locale) })}</p>
                {m.commissionJudicialBps !== null && (
                  <p>{t('judicialRate', { rate: formatRate(m.commissionJudicialBps, locale) })}</p>
                )}
                {m.fixedFeeCents > 0 && (
                  <p className="text-xs text-slate-500">
                    {t('fixedFee', { amount: formatMoney(m.fixedFeeCents, 'EUR', locale) })}
                  </p>
                )}
              </td>
              <td className="py-2 pr-4">
                {t('remittanceTerms', {
                  frequency: t(`frequencies.${m.remittanceFrequency}`),
                  days: m.remittanceDeadlineDays,
                })}
              </td>
              <td className="py-2 pr-4 font-mono text-xs break-all">{m.guaranteeReference || '—'}</td>
              <td className="py-2 pr-4">
                {m.document ? (
                  <a
                    href={`/api/mandates/${m.id}/document`}
                    className="text-brand-700 hover:underline"
                    title={m.document.name}
                    download
                  >
                    {t('download')}
                  </a>
                ) : (
                  <span className="text-slate-400">{t('noDocument')}</span>
                )}
              </td>
              {editable && (
                <td className="py-2 text-right">
                  <Link href={`/creditors/mandates/${m.id}`} className="text-brand-700 hover:underline">
                    {t('edit')}
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
