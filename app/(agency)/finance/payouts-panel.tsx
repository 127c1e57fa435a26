import { getTranslations } from 'next-intl/server';
import { InvoiceLinks } from '@/components/invoice-links';
import { InvoicePaymentForm } from './invoice-payment-form';
import {
  approvePayoutAction,
  cancelPayoutAction,
  proposeRefundAction,
  proposeRemittanceAction,
  updatePayoutSettingsAction,
} from './actions';
import type { financeOverview } from '@/lib/remittances/queries';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';

type Overview = Awaited<ReturnType<typeof financeOverview>>;

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const th = 'py-2 pr-4';
const td = 'py-2 pr-4';
const num = 'py-2 pr-4 text-right tabular-nums';
const button = 'rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800';
const quiet = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50';
const input = 'rounded border border-slate-300 px-2 py-1 text-sm';

/**
 * The manager's payouts: funds held per creditor with the R124-6 deadline, remittance and refund runs with their
 * approvals, the debtors' credits that may be refunded, and the four-eyes threshold. Every button is a form
 * posting to a server action (app/(agency)/finance/actions.ts), which answers in the URL.
 */
export async function PayoutsPanel({
  overview,
  locale,
  failure,
  isAdmin,
}: {
  overview: Overview;
  locale: Locale;
  failure: { about: string; error: string } | null;
  isAdmin: boolean;
}) {
  const t = await getTranslations('remittances');
  const ti = await getTranslations('invoices');
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const day = (d: string) => formatDay(d, locale);
  const problem = (about: string) =>
    failure && failure.about === about ? (
      <p role="alert" className="mt-2 text-sm text-red-700" data-testid="payout-error">
        {failure.error.startsWith('invoice.')
          ? ti(`errors.${failure.error.slice('invoice.'.length)}` as 'errors.invoiceId')
          : t(`errors.${failure.error}` as 'errors.invalid')}
      </p>
    ) : null;
  const { alerts, late } = overview;
  return (
    <div id="payouts" className="mb-4 space-y-4">
      {alerts.length > 0 ? (
        <div
          role="status"
          data-testid="remittance-banner"
          className={`rounded-lg border p-4 text-sm ${late.length > 0 ? 'border-red-300 bg-red-50 text-red-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
        >
          {t('banner', { alerts: alerts.length, late: late.length })}
        </div>
      ) : null}

      <section className={`${card} overflow-x-auto`}>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold">{t('deadlines.title')}</h2>
            <p className="max-w-3xl text-sm text-slate-600">{t('deadlines.intro')}</p>
          </div>
          <form action={proposeRemittanceAction} className="flex items-end gap-2">
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('deadlines.executionOn')}</span>
              <input type="date" name="executionOn" className={input} />
            </label>
            <button type="submit" className={button} data-testid="propose-remittance">
              {t('deadlines.propose')}
            </button>
          </form>
        </div>
        {problem('propose')}
        {overview.deadlines.length === 0 ? (
          <p className="text-sm text-slate-600">{t('deadlines.empty')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="remittance-deadlines">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className={th}>{t('deadlines.creditor')}</th>
                <th className={`${th} text-right`}>{t('deadlines.fundsHeld')}</th>
                <th className={`${th} text-right`}>{t('deadlines.payments')}</th>
                <th className={th}>{t('deadlines.oldest')}</th>
                <th className={th}>{t('deadlines.deadline')}</th>
                <th className={th}>{t('deadlines.daysLeft')}</th>
                <th className={th}>{t('deadlines.mode')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.deadlines.map((d) => (
                <tr key={d.creditorId} className="border-t border-slate-100" data-late={d.late ? 'yes' : 'no'}>
                  <td className={td}>{d.name}</td>
                  <td className={num}>{money(d.fundsHeldCents)}</td>
                  <td className={num}>{d.heldPayments}</td>
                  <td className={td}>{d.oldestOn ? day(d.oldestOn) : '—'}</td>
                  <td className={td}>{d.deadlineOn ? day(d.deadlineOn) : '—'}</td>
                  <td className={`${td} ${d.late ? 'font-semibold text-red-700' : d.alert ? 'text-amber-700' : ''}`}>
                    {d.daysLeft === undefined
                      ? '—'
                      : d.late
                        ? t('deadlines.late', { days: -d.daysLeft })
                        : t('deadlines.left', { days: d.daysLeft })}
                  </td>
                  <td className={td}>
                    {d.hasAccount ? (
                      t(`modes.${d.mode}`)
                    ) : (
                      <span className="text-red-700">{t('deadlines.noAccount')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className={`${card} overflow-x-auto`}>
        <h2 className="mb-3 text-lg font-semibold">{t('runs.title')}</h2>
        {overview.runs.length === 0 ? (
          <p className="text-sm text-slate-600">{t('runs.empty')}</p>
        ) : (
          <ul className="space-y-4" data-testid="payout-runs">
            {overview.runs.map((run) => (
              <li key={run.id} className="rounded border border-slate-200 p-3" data-testid={`payout-run-${run.number}`}>
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <span className="font-semibold">{t('runs.heading', { kind: run.kind, number: run.number })}</span>
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs" data-testid="payout-status">
                    {t(`statuses.${run.status}`)}
                  </span>
                  <span className="tabular-nums">{money(run.totalCents)}</span>
                  <span className="text-slate-600">{t('runs.executionOn', { day: day(run.executionOn) })}</span>
                  <span className="text-slate-600">
                    {t('runs.people', {
                      proposedBy: run.proposedBy ?? '—',
                      approvedBy: run.approvedBy ?? '—',
                      second: run.needsSecondApproval ? 'yes' : 'no',
                      secondBy: run.secondApprovedBy ?? '—',
                    })}
                  </span>
                  <span className="ml-auto flex gap-2">
                    {run.canApprove ? (
                      <form action={approvePayoutAction}>
                        <input type="hidden" name="runId" value={run.id} />
                        <button type="submit" className={button} data-testid="approve-payout">
                          {run.status === 'AWAITING_SECOND_APPROVAL' ? t('runs.approveSecond') : t('runs.approve')}
                        </button>
                      </form>
                    ) : null}
                    {run.status === 'PROPOSED' || run.status === 'AWAITING_SECOND_APPROVAL' ? (
                      <form action={cancelPayoutAction}>
                        <input type="hidden" name="runId" value={run.id} />
                        <button type="submit" className={quiet}>
                          {t('runs.cancel')}
                        </button>
                      </form>
                    ) : null}
                    {run.status === 'APPROVED' ? (
                      <a className={quiet} href={`/api/payouts/${run.id}/transfer-file`} data-testid="transfer-file">
                        {t('runs.transferFile')}
                      </a>
                    ) : null}
                  </span>
                </div>
                {problem(run.id)}
                <table className="mt-2 w-full text-left text-sm">
                  <tbody>
                    {run.lines.map((line) => (
                      <tr key={line.transferId} className="border-t border-slate-100">
                        <td className={td}>{line.payee}</td>
                        <td className={td}>{line.fileReference ?? (line.mode ? t(`modes.${line.mode}`) : '')}</td>
                        <td className={num}>{money(line.amountCents)}</td>
                        <td className={td}>
                          {run.status === 'APPROVED' && run.kind === 'REMITTANCE' ? (
                            <a
                              className="text-brand-700 hover:underline"
                              href={`/api/remittance-statements/${line.transferId}`}
                              data-testid="statement-link"
                            >
                              {t('runs.statement')}
                            </a>
                          ) : null}
                        </td>
                        <td className={td}>
                          <InvoiceLinks invoices={line.invoices} />
                          {line.invoices
                            .filter((i) => i.kind === 'INVOICE' && i.leftCents > 0)
                            .map((i) => (
                              <InvoicePaymentForm
                                key={i.id}
                                invoiceId={i.id}
                                leftCents={i.leftCents}
                                problem={problem(i.id)}
                              />
                            ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={`${card} overflow-x-auto`}>
        <h2 className="text-lg font-semibold">{t('credits.title')}</h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('credits.intro')}</p>
        {overview.credits.length === 0 ? (
          <p className="text-sm text-slate-600">{t('credits.empty')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="credits-held">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className={th}>{t('credits.file')}</th>
                <th className={th}>{t('credits.debtor')}</th>
                <th className={`${th} text-right`}>{t('credits.amount')}</th>
                <th className={th}>{t('credits.refund')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.credits.map((c) => (
                <tr key={c.fileId} className="border-t border-slate-100 align-top">
                  <td className={td}>
                    <a className="text-brand-700 hover:underline" href={`/finance?fileId=${c.fileId}`}>
                      {c.reference}
                    </a>
                  </td>
                  <td className={td}>{c.debtor}</td>
                  <td className={num}>{money(c.heldCents)}</td>
                  <td className={td}>
                    {c.pending ? (
                      <span className="text-slate-600">{t('credits.pending')}</span>
                    ) : (
                      <form action={proposeRefundAction} className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="fileId" value={c.fileId} />
                        <label className="text-xs text-slate-500">
                          {t('credits.iban')}
                          <input name="iban" defaultValue={c.iban ?? ''} className={`${input} block w-64`} />
                        </label>
                        <label className="text-xs text-slate-500">
                          {t('credits.bic')}
                          <input name="bic" className={`${input} block w-32`} />
                        </label>
                        <button type="submit" className={quiet}>
                          {t('credits.propose')}
                        </button>
                      </form>
                    )}
                    {problem(c.fileId)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {isAdmin ? (
        <section className={card}>
          <h2 className="text-lg font-semibold">{t('settings.title')}</h2>
          <form action={updatePayoutSettingsAction} className="mt-2 flex flex-wrap items-end gap-3">
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('settings.secondApprovalFrom')}</span>
              <input
                name="secondApprovalFrom"
                inputMode="decimal"
                defaultValue={
                  overview.settings.secondApprovalCents === null
                    ? ''
                    : String(overview.settings.secondApprovalCents / 100)
                }
                className={input}
              />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('settings.creditorFundsBic')}</span>
              <input
                name="creditorFundsBic"
                defaultValue={overview.settings.creditorFundsBic ?? ''}
                className={input}
              />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('settings.vatNumber')}</span>
              <input name="vatNumber" defaultValue={overview.settings.vatNumber ?? ''} className={input} />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('settings.legalForm')}</span>
              <input name="legalForm" defaultValue={overview.settings.legalForm ?? ''} className={input} />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('settings.shareCapital')}</span>
              <input
                name="shareCapital"
                inputMode="decimal"
                defaultValue={
                  overview.settings.shareCapitalCents === null ? '' : String(overview.settings.shareCapitalCents / 100)
                }
                className={input}
              />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('settings.rcs')}</span>
              <input name="rcs" defaultValue={overview.settings.rcs ?? ''} className={input} />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('settings.invoicePaymentDays')}</span>
              <input
                name="invoicePaymentDays"
                inputMode="numeric"
                defaultValue={String(overview.settings.invoicePaymentDays)}
                className={input}
              />
            </label>
            <button type="submit" className={quiet}>
              {t('settings.save')}
            </button>
          </form>
          {problem('settings')}
        </section>
      ) : null}
    </div>
  );
}
