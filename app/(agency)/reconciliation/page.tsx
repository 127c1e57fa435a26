import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { StatementUpload } from '@/components/reconciliation/statement-upload';
import { requireActor } from '@/lib/auth/session';
import { reconciliationView } from '@/lib/reconciliation/queries';
import { can } from '@/lib/tenancy/permissions';
import { assignCreditAction, returnCreditAction } from './actions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const ERRORS = ['entry', 'fileReference', 'amount', 'overAssigned', 'decided'] as const;

/** The creditors'-funds account's statements: import one, then say which file each doubtful credit pays. */
export default async function ReconciliationPage({
  searchParams,
}: {
  searchParams: Promise<{ entry?: string; error?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'bank.reconcile')) notFound();
  const { entry: failedEntry, error } = await searchParams;
  const [t, format, view] = await Promise.all([
    getTranslations('reconciliation'),
    getFormatter(),
    reconciliationView(actor),
  ]);
  const euros = (cents: number) => format.number(cents / 100, { style: 'currency', currency: 'EUR' });
  const shownError = ERRORS.find((e) => e === error);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      {can(actor, 'bank.import') && (
        <section className={`${card} mb-4`}>
          <h2 className="mb-3 text-sm font-semibold">{t('upload.title')}</h2>
          <StatementUpload />
        </section>
      )}
      <section className={`${card} mb-4`}>
        <h2 className="mb-3 text-sm font-semibold">{t('open.title', { count: view.open.length })}</h2>
        {view.open.length === 0 ? (
          <p className="text-sm text-slate-600">{t('open.none')}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="open-credits">
            {view.open.map((credit) => (
              <li key={credit.id} className="py-3" data-testid="open-credit">
                <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
                  <span className="font-medium tabular-nums">{euros(credit.amountCents)}</span>
                  <span className="text-slate-600">
                    {format.dateTime(new Date(`${credit.bookingDate}T12:00:00Z`), { dateStyle: 'medium' })}
                  </span>
                  <span>{credit.payer ?? t('open.noPayer')}</span>
                  <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-800">
                    {t(`status.${credit.status}`)}
                  </span>
                  {credit.assignedCents > 0 && (
                    <span className="text-xs text-slate-600">
                      {t('open.assigned', {
                        assigned: euros(credit.assignedCents),
                        left: euros(credit.amountCents - credit.assignedCents),
                      })}
                    </span>
                  )}
                </div>
                <p className="mt-1 text-xs break-all text-slate-600">
                  {[credit.remittance, ...credit.references].filter(Boolean).join(' · ') || t('open.noRemittance')}
                </p>
                {credit.candidates.length > 0 && (
                  <ul className="mt-1 flex flex-wrap gap-2 text-xs">
                    {credit.candidates.map((c) => (
                      <li key={c.fileId} className="rounded border border-slate-200 px-2 py-0.5">
                        <Link href={`/files/${c.fileId}`} className="font-medium text-brand-700 hover:underline">
                          {c.reference}
                        </Link>{' '}
                        <span className="text-slate-500">{c.reasons.map((r) => t(`reasons.${r}`)).join(', ')}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {failedEntry === credit.id && shownError && (
                  <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-1.5 text-sm text-red-800">
                    {t(`errors.${shownError}`, { left: (credit.amountCents - credit.assignedCents) / 100 })}
                  </p>
                )}
                <div className="mt-2 flex flex-wrap items-end gap-3">
                  <form action={assignCreditAction} className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="entryId" value={credit.id} />
                    <label className="flex flex-col gap-0.5 text-xs text-slate-600">
                      {t('assign.file')}
                      <input
                        name="fileReference"
                        required
                        defaultValue={credit.candidates[0]?.reference ?? ''}
                        placeholder="D0000000"
                        className="w-28 rounded border border-slate-300 px-2 py-1 text-sm"
                      />
                    </label>
                    <label className="flex flex-col gap-0.5 text-xs text-slate-600">
                      {t('assign.amount')}
                      <input
                        name="amount"
                        required
                        inputMode="decimal"
                        defaultValue={format.number((credit.amountCents - credit.assignedCents) / 100, {
                          minimumFractionDigits: 2,
                          useGrouping: false,
                        })}
                        className="w-28 rounded border border-slate-300 px-2 py-1 text-sm tabular-nums"
                      />
                    </label>
                    <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-sm text-white">
                      {t('assign.submit')}
                    </button>
                  </form>
                  {credit.assignedCents === 0 && (
                    <form action={returnCreditAction}>
                      <input type="hidden" name="entryId" value={credit.id} />
                      <button
                        type="submit"
                        className="rounded border border-slate-300 px-3 py-1 text-sm text-slate-700"
                      >
                        {t('return')}
                      </button>
                    </form>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={card}>
        <h2 className="mb-3 text-sm font-semibold">{t('statements.title')}</h2>
        <table className="w-full text-left text-sm" data-testid="statements">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-2 pr-4">{t('statements.importedAt')}</th>
              <th className="py-2 pr-4">{t('statements.file')}</th>
              <th className="py-2 pr-4 text-right">{t('statements.entries')}</th>
              <th className="py-2 pr-4 text-right">{t('statements.matched')}</th>
              <th className="py-2 pr-4 text-right">{t('statements.doubtful')}</th>
              <th className="py-2 pr-4 text-right">{t('statements.unmatched')}</th>
              <th className="py-2 pr-4 text-right">{t('statements.duplicates')}</th>
            </tr>
          </thead>
          <tbody>
            {view.statements.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="py-2 pr-4">
                  {format.dateTime(s.importedAt, { dateStyle: 'short', timeStyle: 'short' })}
                </td>
                <td className="py-2 pr-4">
                  {s.fileName} <span className="text-xs text-slate-500">{s.format}</span>
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">{s.entries}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{s.matched}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{s.doubtful}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{s.unmatched}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{s.duplicates}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
