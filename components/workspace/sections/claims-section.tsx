import { getTranslations } from 'next-intl/server';
import type { FileDetail } from '@/lib/cases/queries';
import { isTimeBarred } from '@/lib/compliance/limitation';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { FileAmounts } from '@/lib/payments/file-amounts';
import { ClaimCorrectionForm } from '../claim-correction-form';
import { LimitationBasisForm, LimitationEventForm } from '../limitation-forms';
import { card, heading } from './styles';

/** Each invoice with its principal, interest or penalties, what was paid and what is still due. */
export async function ClaimsSection({
  file,
  amounts,
  locale,
  correction,
}: {
  file: FileDetail;
  amounts: FileAmounts;
  locale: Locale;
  /** The version the page was read at, for an agent who may correct the claims; absent for a reader. */
  correction?: { version: number };
}) {
  const [t, tr] = await Promise.all([getTranslations('workspace'), getTranslations()]);
  const terms = new Map(file.claims.map((c) => [c.id, c]));
  const live = file.claims.filter((c) => !c.cancelled);
  const money = (cents: number) => formatMoney(cents, file.currency, locale);
  const b2b = amounts.charges !== 'INTEREST';
  const interestLabel = { PENALTIES: 'claims.penalties', INTEREST: 'claims.interest', BOTH: 'claims.both' } as const;
  return (
    <section className={card}>
      <h2 className={heading}>
        {tr('file.claims')} · {tr('file.claimCount', { count: file.totals.claimCount })}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="claims-table">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2 font-medium">{tr('file.invoice')}</th>
              <th className="py-1 pr-2 font-medium">{tr('file.dueOn')}</th>
              <th className="py-1 pr-2 font-medium">{t('claims.nature')}</th>
              <th className="py-1 pr-2 text-right font-medium">{t('claims.principal')}</th>
              <th className="py-1 pr-2 text-right font-medium">{t(interestLabel[amounts.charges])}</th>
              {b2b && <th className="py-1 pr-2 text-right font-medium">{t('claims.indemnity')}</th>}
              <th className="py-1 pr-2 text-right font-medium">{t('claims.paid')}</th>
              <th className="py-1 pr-2 text-right font-medium">{t('claims.due')}</th>
              <th className="py-1 font-medium">{t('claims.limitation')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {amounts.claims.map((c) => (
              <tr key={c.claimId} className={terms.get(c.claimId)?.cancelled ? 'text-slate-400 line-through' : ''}>
                <td className="py-1.5 pr-2 font-mono text-xs">{c.invoiceNumber}</td>
                <td className="py-1.5 pr-2">{formatDay(c.dueOn, locale)}</td>
                <td className="py-1.5 pr-2 text-xs" data-testid={`claim-nature-${c.invoiceNumber}`}>
                  {terms.get(c.claimId)?.cancelled
                    ? t('claims.cancelled')
                    : tr(`scenarios.natures.${terms.get(c.claimId)?.nature ?? 'B2B'}`)}
                </td>
                <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.principalCents)}</td>
                <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.interestCents)}</td>
                {b2b && <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.indemnityCents)}</td>}
                <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.paidCents)}</td>
                <td className="py-1.5 pr-2 text-right font-medium tabular-nums">{money(c.dueCents)}</td>
                <LimitationCell claim={terms.get(c.claimId)} today={amounts.asOf} locale={locale} t={t} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-200 font-semibold">
              <td className="py-2" colSpan={3}>
                {tr('file.total')}
              </td>
              <td className="py-2 pr-2 text-right tabular-nums" data-testid="claims-total">
                {money(amounts.totals.principalCents)}
              </td>
              <td className="py-2 pr-2 text-right tabular-nums">{money(amounts.totals.interestCents)}</td>
              {b2b && <td className="py-2 pr-2 text-right tabular-nums">{money(amounts.totals.indemnityCents)}</td>}
              <td className="py-2 pr-2 text-right tabular-nums">{money(amounts.totals.paidCents)}</td>
              <td className="py-2 pr-2 text-right tabular-nums">{money(amounts.totals.dueCents)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {correction && live.length > 0 && (
        <details className="mt-3 rounded border border-slate-200 p-3" data-testid="claim-correction">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('claimCorrection.title')}</summary>
          <p className="mt-1 mb-3 text-xs text-slate-500">{t('claimCorrection.intro')}</p>
          <ClaimCorrectionForm fileId={file.id} version={correction.version} claims={live} locale={locale} />
        </details>
      )}
      {correction && live.length > 0 && (
        <details className="mt-3 rounded border border-slate-200 p-3" data-testid="limitation-forms">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('limitation.title')}</summary>
          <p className="mt-1 mb-3 text-xs text-slate-500">{t('limitation.intro')}</p>
          <h3 className="mb-1 text-sm font-medium text-slate-700">{t('limitation.eventTitle')}</h3>
          <p className="mb-2 text-xs text-slate-500">{t('limitation.eventIntro')}</p>
          <LimitationEventForm fileId={file.id} version={correction.version} claims={live} />
          <h3 className="mt-4 mb-1 text-sm font-medium text-slate-700">{t('limitation.basisTitle')}</h3>
          <p className="mb-2 text-xs text-slate-500">{t('limitation.basisIntro')}</p>
          <LimitationBasisForm fileId={file.id} version={correction.version} claims={live} />
        </details>
      )}
    </section>
  );
}

/**
 * A claim's limitation: its last day (or "suspended" while a mediation or the small-claims procedure runs), marked
 * when it has passed, and the rule it comes from (lib/compliance/limitation.ts).
 */
function LimitationCell({
  claim,
  today,
  locale,
  t,
}: {
  claim: FileDetail['claims'][number] | undefined;
  today: string;
  locale: Locale;
  t: Awaited<ReturnType<typeof getTranslations<'workspace'>>>;
}) {
  if (!claim) return <td />;
  const barred = isTimeBarred(claim.limitationOn, today);
  return (
    <td className="py-1.5 text-xs" data-testid="claim-limitation">
      <span className={barred ? 'font-medium text-red-700' : ''}>
        {claim.limitationOn
          ? formatDay(claim.limitationOn, locale)
          : // A forclusion is never suspended: with no date, it waits for a plan's first missed instalment.
            t(
              claim.limitationBasis === 'CONSUMER_CREDIT'
                ? 'claims.limitationRescheduled'
                : 'claims.limitationSuspended',
            )}
        {barred && ` · ${t('claims.timeBarred')}`}
      </span>
      <span className="block text-slate-500">{t(`claims.basis.${claim.limitationBasis}`)}</span>
    </td>
  );
}
