import { useTranslations } from 'next-intl';
import type { InvoiceLink } from '@/lib/invoices/queries';
import { invoiceNumberText } from '@/lib/invoices/rules';

/** The commission invoice and credit note of a remittance transfer, each a link to its Factur-X PDF. */
export function InvoiceLinks({ invoices }: { invoices: InvoiceLink[] }) {
  const t = useTranslations('invoices');
  if (invoices.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-2">
      {invoices.map((i) => (
        <a
          key={i.id}
          className="text-brand-700 underline"
          href={`/api/commission-invoices/${i.id}`}
          data-testid="invoice-link"
        >
          {t(`kinds.${i.kind}`, { number: invoiceNumberText(i.number) })}
        </a>
      ))}
    </span>
  );
}
