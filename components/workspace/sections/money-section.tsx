import { getTranslations } from 'next-intl/server';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { FilePayments } from '@/lib/payments/queries';
import { ReversePayment } from '../reverse-payment';
import { card, heading } from './styles';

/** Payment plans with their instalments, then payments and reversals with their receipts. */
export async function MoneySection({
  fileId,
  currency,
  payments,
  canReverse,
  journalHref,
  locale,
}: {
  fileId: string;
  currency: string;
  payments: FilePayments;
  canReverse: boolean;
  /** The file's journal in the books, for those who may read them. */
  journalHref: string | null;
  locale: Locale;
}) {
  const t = await getTranslations('workspace');
  const money = (cents: number) => formatMoney(cents, currency, locale);
  return (
    <section className={card}>
      <h2 className={heading}>{t('money.title')}</h2>
      {payments.payments.length === 0 && payments.plans.length === 0 ? (
        <p className="text-sm text-slate-500">{t('money.none')}</p>
      ) : (
        <div className="space-y-4">
          {payments.plans.map((plan) => (
            <div key={plan.id} className="rounded border border-slate-200 p-3" data-testid="plan">
              <div className="flex flex-wrap items-baseline gap-3 text-sm">
                <span className="font-medium">
                  {t('money.plan', {
                    amount: money(plan.totalCents),
                    frequency: t(`frequencies.${plan.frequency}`),
                  })}
                </span>
                <span className="rounded bg-slate-100 px-1.5 text-xs">{t(`planStatus.${plan.status}`)}</span>
                <a
                  href={`/api/plans/${plan.id}/letter`}
                  download
                  className="ml-auto text-xs font-medium text-brand-700 hover:underline"
                >
                  {t('plan.letter')}
                </a>
              </div>
              <table className="mt-2 w-full text-xs">
                <tbody className="divide-y divide-slate-100">
                  {plan.instalments.map((i) => (
                    <tr key={i.seq}>
                      <td className="py-0.5">
                        {i.seq === 0 ? t('plan.downPaymentRow') : t('plan.instalment', { seq: i.seq })}
                      </td>
                      <td className="py-0.5">{formatDay(i.dueOn, locale)}</td>
                      <td className="py-0.5 text-right tabular-nums">{money(i.amountCents)}</td>
                      <td className="py-0.5 text-right text-slate-500 tabular-nums">
                        {t('money.paid', { amount: money(i.paidCents) })}
                      </td>
                      <td className="py-0.5 pl-3">
                        {/* An instalment still due when its plan ended will never be asked for. */}
                        {t(`instalmentStatus.${plan.status !== 'ACTIVE' && i.status === 'DUE' ? 'ENDED' : i.status}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {payments.payments.length > 0 && (
            <table className="w-full text-sm" data-testid="payments">
              <tbody className="divide-y divide-slate-100">
                {payments.payments.map((p) => (
                  <tr key={p.id} className={p.reversedBy ? 'text-slate-400' : ''}>
                    <td className="py-1.5 pr-2">{formatDay(p.receivedOn, locale)}</td>
                    <td className="py-1.5 pr-2">
                      {p.reversesId ? t('money.reversal') : t(`methods.${p.method}`)}
                      {p.reference ? <span className="text-xs text-slate-500"> · {p.reference}</span> : null}
                    </td>
                    <td className="py-1.5 pr-2 text-right tabular-nums">
                      {money(p.amountCents)}
                      {p.commission && p.commission.commissionCents !== 0 ? (
                        <span className="block text-xs text-slate-500" data-testid="payment-commission">
                          {t('money.commission', {
                            commission: money(p.commission.commissionCents),
                            vat: money(p.commission.vatCents),
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-1.5 text-right">
                      <a
                        href={`/api/payments/${p.id}/receipt`}
                        download
                        className="font-mono text-xs text-brand-700 hover:underline"
                      >
                        {p.receiptNumber} (PDF)
                      </a>
                      {canReverse && !p.reversesId && !p.reversedBy && (
                        <ReversePayment fileId={fileId} paymentId={p.id} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {journalHref && payments.payments.length > 0 && (
            <a href={journalHref} className="text-xs text-brand-700 hover:underline">
              {t('money.journal')}
            </a>
          )}
        </div>
      )}
    </section>
  );
}
