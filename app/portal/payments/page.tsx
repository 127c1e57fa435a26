import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { InvoiceLinks } from '@/components/invoice-links';
import { cell, numberCell, ROW, TablePage } from '@/components/table-page';
import { requireActor } from '@/lib/auth/session';
import { listCreditorNotifications } from '@/lib/payments/creditor-notifications';
import { directInvoices } from '@/lib/invoices/queries';
import { creditorStatements } from '@/lib/remittances/queries';
import { can } from '@/lib/tenancy/permissions';

/**
 * Every payment on the creditor's files, even partial (CPCE R124-5), newest first; under them, the remittances
 * that paid the money out (R124-6), each with its statement and the commission's invoice.
 */
export default async function PortalPaymentsPage() {
  const actor = await requireActor();
  if (!can(actor, 'portal.home') || !actor.creditorId) notFound();
  const [t, tr, ti, format, notices, statements, direct] = await Promise.all([
    getTranslations('portalPayments'),
    getTranslations('remittances.portal'),
    getTranslations('invoices.direct'),
    getFormatter(),
    listCreditorNotifications(actor),
    creditorStatements(actor),
    directInvoices(actor),
  ]);
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: 'short' });
  const money = (cents: number, currency: string) => format.number(cents / 100, { style: 'currency', currency });
  return (
    <TablePage
      title={t('title')}
      intro={t('intro')}
      empty={t('empty')}
      testId="portal-payments"
      after={
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-lg font-semibold">{tr('title')}</h2>
          <p className="mb-3 max-w-3xl text-sm text-slate-600">{tr('intro')}</p>
          {statements.length === 0 ? (
            <p className="text-sm text-slate-600">{tr('empty')}</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="portal-remittances">
              <thead className="text-xs text-slate-500 uppercase">
                <tr>
                  <th className={cell}>{tr('number')}</th>
                  <th className={cell}>{tr('executionOn')}</th>
                  <th className={`${cell} text-right`}>{tr('payments')}</th>
                  <th className={`${cell} text-right`}>{tr('gross')}</th>
                  <th className={`${cell} text-right`}>{tr('deducted')}</th>
                  <th className={`${cell} text-right`}>{tr('amount')}</th>
                  <th className={cell}>{tr('statement')}</th>
                  <th className={cell}>{tr('invoices')}</th>
                </tr>
              </thead>
              <tbody>
                {statements.map((s) => (
                  <tr key={s.transferId} className={ROW}>
                    <td className={cell}>{s.number}</td>
                    <td className={cell}>{day(s.executionOn)}</td>
                    <td className={numberCell}>{s.payments}</td>
                    <td className={numberCell}>{money(s.grossCents, 'EUR')}</td>
                    <td className={numberCell}>{money(s.settledCents, 'EUR')}</td>
                    <td className={numberCell}>{money(s.amountCents, 'EUR')}</td>
                    <td className={cell}>
                      <a className="underline" href={`/api/remittance-statements/${s.transferId}`}>
                        {tr('download')}
                      </a>
                    </td>
                    <td className={cell}>
                      <InvoiceLinks invoices={s.invoices} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {direct.invoices.length > 0 ? (
            <div className="mt-4" data-testid="portal-direct-invoices">
              <h3 className="text-sm font-semibold">{ti('portal')}</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {direct.invoices.map((i) => (
                  <li key={i.id}>
                    {day(i.issuedOn)} — <InvoiceLinks invoices={[i]} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      }
      columns={[
        { label: t('receivedOn') },
        { label: t('file') },
        { label: t('debtor') },
        { label: t('amount'), numeric: true },
        { label: t('remaining'), numeric: true },
      ]}
      rows={notices.map((n) => (
        <tr key={n.id} className={ROW}>
          <td className={cell}>{format.dateTime(new Date(`${n.receivedOn}T12:00:00Z`), { dateStyle: 'short' })}</td>
          <td className={cell}>
            <Link className="underline" href={`/portal/files/${n.fileId}`}>
              {n.fileReference}
            </Link>
          </td>
          <td className={cell}>{n.debtorName}</td>
          <td className={numberCell}>{money(n.amountCents, n.currency)}</td>
          <td className={numberCell}>{n.remainingCents === 0 ? t('settled') : money(n.remainingCents, n.currency)}</td>
        </tr>
      ))}
    />
  );
}
