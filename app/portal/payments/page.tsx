import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
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
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        {notices.length === 0 ? (
          <p className="text-sm text-slate-600">{t('empty')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="portal-payments">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4">{t('receivedOn')}</th>
                <th className="py-2 pr-4">{t('file')}</th>
                <th className="py-2 pr-4">{t('debtor')}</th>
                <th className="py-2 pr-4 text-right">{t('amount')}</th>
                <th className="py-2 pr-4 text-right">{t('remaining')}</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.id} className="border-t border-slate-100">
                  <td className="py-2 pr-4">
                    {format.dateTime(new Date(`${n.receivedOn}T12:00:00Z`), { dateStyle: 'short' })}
                  </td>
                  <td className="py-2 pr-4">
                    <Link className="underline" href={`/portal/files/${n.fileId}`}>
                      {n.fileReference}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{n.debtorName}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{money(n.amountCents, n.currency)}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {n.remainingCents === 0 ? t('settled') : money(n.remainingCents, n.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
