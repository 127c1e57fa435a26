import { useLocale, useTranslations } from 'next-intl';
import type { InvoiceLink } from '@/lib/invoices/queries';
import { invoiceNumberText } from '@/lib/invoices/rules';
import { formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';

/**
 * The commission invoice and credit note of a remittance transfer, each a link to its Factur-X PDF; an invoice says
 * whether it is paid (settled from the funds, or paid by the creditor) or what it still asks for.
 */
export function InvoiceLinks({ invoices }: { invoices: InvoiceLink[] }) {
  const t = useTranslations('invoices');
  const locale = useLocale() as Locale;
  if (invoices.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-2">
      {invoices.map((i) => (
        <span key={i.id}>
          <a className="text-brand-700 underline" href={`/api/commission-invoices/${i.id}`} data-testid="invoice-link">
            {t(`kinds.${i.kind}`, { number: invoiceNumberText(i.number) })}
          </a>
          {i.kind === 'INVOICE' ? (
            <span className="ml-1 text-xs text-slate-600" data-testid="invoice-state">
              {i.leftCents === 0 ? t('paid') : t('due', { amount: formatMoney(i.leftCents, 'EUR', locale) })}
            </span>
          ) : null}
        </span>
      ))}
    </span>
  );
}
