import { getTranslations } from 'next-intl/server';
import { InvoiceLinks } from '@/components/invoice-links';
import type { directInvoices } from '@/lib/invoices/queries';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { invoiceDirectCommissionAction } from './actions';
import { InvoicePaymentForm } from './invoice-payment-form';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm mb-4';
const quiet = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50';
const td = 'px-2 py-1.5 align-top';

/**
 * Commission on money debtors paid straight to the creditors (decision 0022): what no invoice names yet, per creditor,
 * with the button that invoices it; then the invoices issued, each paid or with what it still asks for.
 */
export async function DirectInvoicesPanel({
  direct,
  locale,
  failure,
}: {
  direct: Awaited<ReturnType<typeof directInvoices>>;
  locale: Locale;
  failure: { about: string; error: string } | null;
}) {
  const t = await getTranslations('invoices');
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const problem = (about: string) =>
    failure && failure.about === about && failure.error.startsWith('invoice.') ? (
      <p role="alert" className="mt-2 text-sm text-red-700" data-testid="payout-error">
        {t(`errors.${failure.error.slice('invoice.'.length)}` as 'errors.invoiceId')}
      </p>
    ) : null;
  return (
    <section className={card} id="direct-invoices" data-testid="direct-invoices">
      <h2 className="text-lg font-semibold">{t('direct.title')}</h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('direct.intro')}</p>
      {direct.uninvoiced.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('direct.nothing')}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {direct.uninvoiced.map((u) => (
            <li key={u.creditorId} className="flex flex-wrap items-center gap-3 text-sm">
              <span>{t('direct.owed', { creditor: u.creditorName, amount: money(u.commissionCents) })}</span>
              <form action={invoiceDirectCommissionAction}>
                <input type="hidden" name="creditorId" value={u.creditorId} />
                <button type="submit" className={quiet}>
                  {t('direct.invoice')}
                </button>
              </form>
              {problem(u.creditorId)}
            </li>
          ))}
        </ul>
      )}
      {direct.invoices.length > 0 ? (
        <table className="mt-3 w-full text-left text-sm">
          <tbody>
            {direct.invoices.map((i) => (
              <tr key={i.id} className="border-t border-slate-100">
                <td className={td}>{formatDay(i.issuedOn, locale)}</td>
                <td className={td}>{i.creditorName}</td>
                <td className={td}>
                  <InvoiceLinks invoices={[i]} />
                  {i.kind === 'INVOICE' && i.leftCents > 0 ? (
                    <InvoicePaymentForm invoiceId={i.id} leftCents={i.leftCents} problem={problem(i.id)} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
