import { getTranslations } from 'next-intl/server';
import { recordInvoicePaymentAction } from './actions';

const quiet = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50';
const input = 'rounded border border-slate-300 px-2 py-1 text-sm';

/** The creditor's payment of an invoice that still asks for `leftCents`, as the agency's bank statement shows it. */
export async function InvoicePaymentForm({
  invoiceId,
  leftCents,
  problem,
}: {
  invoiceId: string;
  leftCents: number;
  problem: React.ReactNode;
}) {
  const t = await getTranslations('invoices');
  return (
    <form
      action={recordInvoicePaymentAction}
      className="mt-1 flex flex-wrap items-end gap-2"
      aria-label={t('record.title')}
      data-testid="invoice-payment-form"
    >
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <label className="text-xs text-slate-500">
        {t('record.amount')}
        <input name="amount" defaultValue={(leftCents / 100).toFixed(2)} className={`${input} block w-28`} />
      </label>
      <label className="text-xs text-slate-500">
        {t('record.receivedOn')}
        <input type="date" name="receivedOn" required className={`${input} block`} />
      </label>
      <label className="text-xs text-slate-500">
        {t('record.reference')}
        <input name="reference" className={`${input} block w-40`} />
      </label>
      <button type="submit" className={quiet}>
        {t('record.submit')}
      </button>
      {problem}
    </form>
  );
}
