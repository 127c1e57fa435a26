import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cell, numberCell, ROW, TablePage } from '@/components/table-page';
import { requireActor } from '@/lib/auth/session';
import { listCreditorNotifications } from '@/lib/payments/creditor-notifications';
import { can } from '@/lib/tenancy/permissions';

/** Every payment on the creditor's files, even partial (CPCE R124-5), newest first. */
export default async function PortalPaymentsPage() {
  const actor = await requireActor();
  if (!can(actor, 'portal.home') || !actor.creditorId) notFound();
  const [t, format, notices] = await Promise.all([
    getTranslations('portalPayments'),
    getFormatter(),
    listCreditorNotifications(actor),
  ]);
  const money = (cents: number, currency: string) => format.number(cents / 100, { style: 'currency', currency });
  return (
    <TablePage
      title={t('title')}
      intro={t('intro')}
      empty={t('empty')}
      testId="portal-payments"
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
