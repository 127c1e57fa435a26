import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { JournalTable } from '@/components/ledger/journal-table';
import { financeOverview } from '@/lib/remittances/queries';
import { writeOffCommissionAction } from './actions';
import { DirectInvoicesPanel } from './direct-invoices-panel';
import { PayoutsPanel } from './payouts-panel';
import { ProviderAccountPanel } from './provider-account-panel';
import { providerAccountOf } from '@/lib/payment-provider/queries';
import { INVOICE_MESSAGES } from '@/lib/invoices/messages';
import { directInvoices } from '@/lib/invoices/queries';
import { REMITTANCE_MESSAGES } from '@/lib/remittances/messages';
import { agencyBooks, fileJournal } from '@/lib/accounting/queries';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { can } from '@/lib/tenancy/permissions';

// What an action may answer in the URL: a refusal the catalogue words (anything else is not shown).
const PAYOUT_ERRORS = new Set([
  ...Object.keys(REMITTANCE_MESSAGES),
  ...Object.keys(INVOICE_MESSAGES).map((k) => `invoice.${k}`),
  'invalid',
]);

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const FIGURES = [
  'fundsHeldCents',
  'commissionEarnedCents',
  'vatCents',
  'commissionDueCents',
  'creditHeldCents',
  'collectedDirectCents',
] as const;

/** The manager's books: what the agency holds and earned for each creditor, and the journal of one file. */
export default async function FinancePage({
  searchParams,
}: {
  searchParams: Promise<{ fileId?: string; about?: string; error?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'ledger.read')) notFound();
  const { fileId, about, error } = await searchParams;
  const [t, tr, locale] = await Promise.all([
    getTranslations('ledger'),
    getTranslations('remittances'),
    getLocale().then(toLocale),
  ]);
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);

  if (fileId !== undefined) {
    const journal = await fileJournal(actor, { fileId }).catch((error: unknown) => {
      if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
      throw error;
    });
    return (
      <main className="mx-auto max-w-5xl px-6 py-8">
        <div className="mb-4 flex items-baseline gap-4">
          <h1 className="text-2xl font-semibold tracking-tight">{t('fileTitle', { reference: journal.reference })}</h1>
          <a href={`/files/${journal.fileId}`} className="text-sm text-brand-700 hover:underline">
            {t('openFile')}
          </a>
          <a href="/finance" className="ml-auto text-sm text-brand-700 hover:underline">
            {t('title')}
          </a>
        </div>
        <p className="mb-4 text-sm text-slate-600">{journal.creditorName}</p>
        {can(actor, 'commission.manage') ? (
          <section className={`${card} mb-4`}>
            <h2 className="mb-2 text-sm font-semibold">{tr('writeOff.title')}</h2>
            <form action={writeOffCommissionAction} className="flex flex-wrap items-end gap-3" data-testid="write-off">
              <input type="hidden" name="fileId" value={journal.fileId} />
              <label className="text-sm">
                <span className="block text-xs text-slate-500">{tr('writeOff.amount')}</span>
                <input name="amount" inputMode="decimal" className="w-32 rounded border border-slate-300 px-2 py-1" />
              </label>
              <label className="text-sm">
                <span className="block text-xs text-slate-500">{tr('writeOff.reason')}</span>
                <input name="reason" className="w-96 rounded border border-slate-300 px-2 py-1" />
              </label>
              <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                {tr('writeOff.submit')}
              </button>
            </form>
            {error && PAYOUT_ERRORS.has(error) ? (
              <p role="alert" className="mt-2 text-sm text-red-700">
                {tr(`errors.${error}` as 'errors.invalid')}
              </p>
            ) : null}
          </section>
        ) : null}
        <section className={card}>
          <JournalTable entries={journal.entries} currency={journal.currency} locale={locale} showFile={false} />
        </section>
      </main>
    );
  }

  const [books, overview, direct, provider] = await Promise.all([
    agencyBooks(actor),
    can(actor, 'payouts.manage') ? financeOverview(actor) : null,
    can(actor, 'payouts.manage') ? directInvoices(actor) : null,
    can(actor, 'admin.system') ? providerAccountOf(actor) : null,
  ]);
  const failure = about && error && PAYOUT_ERRORS.has(error) ? { about, error } : null;
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <section className={`${card} mb-4 flex flex-wrap gap-8`} data-testid="agency-accounts">
        <p>
          <span className="block text-xs text-slate-500 uppercase">{t('bank')}</span>
          <span className="text-lg font-semibold tabular-nums">{money(books.bankCents)}</span>
        </p>
        <p>
          <span className="block text-xs text-slate-500 uppercase">{t('unmatched')}</span>
          <span className="text-lg font-semibold tabular-nums">{money(books.unmatchedCents)}</span>
        </p>
      </section>
      {overview ? (
        <PayoutsPanel overview={overview} locale={locale} failure={failure} isAdmin={can(actor, 'admin.system')} />
      ) : null}
      {direct ? <DirectInvoicesPanel direct={direct} locale={locale} failure={failure} /> : null}
      {provider ? <ProviderAccountPanel {...provider} error={about === 'provider' ? (error ?? null) : null} /> : null}
      <section className={`${card} mb-4 overflow-x-auto`}>
        <table className="w-full text-left text-sm" data-testid="creditor-books">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-2 pr-4">{t('creditor')}</th>
              {FIGURES.map((f) => (
                <th key={f} className="py-2 pr-4 text-right">
                  {t(`figures.${f}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {books.creditors.map((c) => (
              <tr key={c.creditorId} className="border-t border-slate-100">
                <td className="py-2 pr-4">{c.name}</td>
                {FIGURES.map((f) => (
                  <td key={f} className="py-2 pr-4 text-right tabular-nums">
                    {money(c[f])}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="border-t-2 border-slate-300 font-semibold">
              <td className="py-2 pr-4">{t('total')}</td>
              {FIGURES.map((f) => (
                <td key={f} className="py-2 pr-4 text-right tabular-nums">
                  {money(books.totals[f])}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
      <section className={card}>
        <h2 className="mb-3 text-lg font-semibold">{t('recent')}</h2>
        <JournalTable entries={books.recent} currency="EUR" locale={locale} showFile />
      </section>
    </main>
  );
}
