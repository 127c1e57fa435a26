import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/judicial/action-form';
import { requireActor } from '@/lib/auth/session';
import { SEND_BACK_REASONS } from '@/lib/judicial-codes/codes';
import { escalationQueue } from '@/lib/escalation/queries';
import { can } from '@/lib/tenancy/permissions';
import { decideEscalationAction } from './actions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const input = 'rounded border border-slate-300 px-2 py-1';

/** The manager's escalation queue: each file proposed for court, what the decision weighs, and the decision. */
export default async function EscalationsPage() {
  const actor = await requireActor();
  if (!can(actor, 'escalations.approve')) notFound();
  const [t, tj, tAll, format, { escalations }] = await Promise.all([
    getTranslations('escalation'),
    getTranslations('judicial'),
    getTranslations(),
    getFormatter(),
    escalationQueue({ actor }),
  ]);
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('queue.title')}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{t('queue.intro')}</p>
      {escalations.length === 0 && <p className="text-sm text-slate-600">{t('queue.empty')}</p>}
      <div className="space-y-6">
        {escalations.map((e) => {
          const money = (cents: number) => format.number(cents / 100, { style: 'currency', currency: e.currency });
          return (
            <section key={e.id} className={card} data-testid="escalation" data-file={e.fileReference}>
              <header className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  <Link className="underline" href={`/files/${e.fileId}`}>
                    {e.fileReference}
                  </Link>{' '}
                  — {e.debtorName}
                </h2>
                <p className="text-sm text-slate-600">
                  {t('queue.creditor')} : {e.creditorName} · {t('queue.mandate', { reference: e.mandate.reference })} ·{' '}
                  {tAll(`mandates.scopes.${e.mandate.scope}`)} · {t(`costsBy.${e.mandate.judicialCostsBy}`)} ·{' '}
                  {t('queue.since', { date: format.dateTime(new Date(e.createdAt), { dateStyle: 'medium' }) })}
                </p>
              </header>

              <div className="mt-4 grid gap-6 lg:grid-cols-3">
                <div className="lg:col-span-2">
                  <h3 className="mb-1 text-sm font-medium">{t('queue.claims')}</h3>
                  <table className="w-full text-left text-sm" data-testid="escalation-claims">
                    <thead className="text-xs text-slate-500 uppercase">
                      <tr>
                        <th className="py-1 pr-3">{t('queue.invoice')}</th>
                        <th className="py-1 pr-3">{t('queue.dueOn')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.principal')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.interest')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.indemnity')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.total')}</th>
                        <th className="py-1 pr-3">{t('queue.limitation')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {e.claims.map((c) => (
                        <tr key={c.invoiceNumber} className="border-t border-slate-100">
                          <td className="py-1 pr-3">{c.invoiceNumber}</td>
                          <td className="py-1 pr-3">{day(c.dueOn)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(c.principalDueCents)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(c.interestDueCents)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(c.indemnityDueCents)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(c.totalDueCents)}</td>
                          <td className="py-1 pr-3">
                            {c.limitationOn ? day(c.limitationOn) : t('queue.limitationSuspended')} (
                            {tAll(`workspace.claims.basis.${c.limitationBasis}`)})
                          </td>
                        </tr>
                      ))}
                      <tr className="border-t border-slate-300 font-medium">
                        <td className="py-1 pr-3" colSpan={2}>
                          {t('queue.total')}
                        </td>
                        <td className="py-1 pr-3 text-right tabular-nums">{money(e.totals.principalDueCents)}</td>
                        <td className="py-1 pr-3 text-right tabular-nums">{money(e.totals.interestDueCents)}</td>
                        <td className="py-1 pr-3 text-right tabular-nums">{money(e.totals.indemnityDueCents)}</td>
                        <td className="py-1 pr-3 text-right tabular-nums" data-testid="escalation-total">
                          {money(e.totals.totalDueCents)}
                        </td>
                        <td />
                      </tr>
                    </tbody>
                  </table>
                  {e.collectedCents > 0 && (
                    <p className="mt-1 text-xs text-slate-600">
                      {t('queue.collected', { amount: money(e.collectedCents) })}
                    </p>
                  )}

                  <h3 className="mt-4 mb-1 text-sm font-medium">{t('queue.routes')}</h3>
                  <table className="w-full text-left text-sm" data-testid="escalation-routes">
                    <thead className="text-xs text-slate-500 uppercase">
                      <tr>
                        <th className="py-1 pr-3">{t('queue.route')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.court')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.bailiff')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.lawyer')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.total')}</th>
                        <th className="py-1 pr-3 text-right">{t('queue.share')}</th>
                        <th className="py-1 pr-3">{t('queue.months')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {e.estimates.map((r) => (
                        <tr
                          key={r.route}
                          className={`border-t border-slate-100 ${r.overCeiling ? 'text-slate-400' : ''}`}
                        >
                          <td className="py-1 pr-3">
                            {tj(`routes.${r.route}`)}
                            {r.overCeiling && ` (${t('queue.overCeiling')})`}
                          </td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(r.courtCents)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(r.bailiffCents)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(r.lawyerCents)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{money(r.totalCents)}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">
                            {format.number(r.costShareBps / 10_000, { style: 'percent', maximumFractionDigits: 1 })}
                          </td>
                          <td className="py-1 pr-3">{t('queue.monthsValue', { months: r.typicalMonths })}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>

                <div className="space-y-4 text-sm">
                  <div>
                    <h3 className="mb-1 font-medium">{t('queue.history')}</h3>
                    <p data-testid="escalation-history">
                      {t('queue.historyLine', {
                        letters: e.history.letters,
                        calls: e.history.calls,
                        reached: e.history.reached,
                        broken: e.history.promisesBroken,
                      })}
                    </p>
                  </div>
                  <div>
                    <h3 className="mb-1 font-medium">{t('queue.signals')}</h3>
                    <ul className="list-inside list-disc text-slate-700" data-testid="escalation-signals">
                      {e.signals.events.map((ev) => (
                        <li key={`${ev.kind}-${ev.occurredOn}`}>
                          {t('queue.event', {
                            kind: tAll(`workspace.eventKinds.${ev.kind}`),
                            occurredOn: day(ev.occurredOn),
                          })}
                        </li>
                      ))}
                      {(e.signals.returnedLetters > 0 || e.signals.returnedAddresses > 0) && (
                        <li>
                          {t('queue.returned', {
                            letters: e.signals.returnedLetters,
                            addresses: e.signals.returnedAddresses,
                          })}
                        </li>
                      )}
                      {e.signals.solvency && <li>{e.signals.solvency}</li>}
                      {e.signals.solvencyNote && <li>{e.signals.solvencyNote}</li>}
                      {e.signals.events.length === 0 &&
                        e.signals.returnedLetters === 0 &&
                        e.signals.returnedAddresses === 0 &&
                        !e.signals.solvency &&
                        !e.signals.solvencyNote && <li className="list-none">{t('queue.noSignal')}</li>}
                    </ul>
                  </div>
                  {e.agreement && (
                    <p className="rounded bg-amber-50 px-3 py-2 text-amber-900" data-testid="escalation-agreement">
                      {t(`agreementStates.${e.agreement}`)}
                      {e.route && ` — ${tj(`routes.${e.route}`)}`}
                      {e.agreementNote && ` — ${t('queue.agreementNote', { note: e.agreementNote })}`}
                    </p>
                  )}
                </div>
              </div>

              <div className="mt-4 space-y-3 border-t border-slate-100 pt-4">
                {e.agreement !== 'REQUESTED' && (
                  <ActionForm action={decideEscalationAction} submit={t('queue.approve')} testId="approve-form">
                    <input type="hidden" name="escalationId" value={e.id} />
                    <input type="hidden" name="decision" value="APPROVED" />
                    <label className="flex flex-col">
                      <span className="text-xs text-slate-500">{t('queue.route')}</span>
                      <select name="route" className={input} defaultValue={e.route ?? ''} required>
                        <option value="" disabled>
                          —
                        </option>
                        {e.estimates.map((r) => (
                          <option key={r.route} value={r.route} disabled={r.overCeiling}>
                            {tj(`routes.${r.route}`)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="flex flex-col">
                      <span className="text-xs text-slate-500">{t('queue.note')}</span>
                      <input name="note" className={`${input} w-64`} maxLength={1000} />
                    </label>
                  </ActionForm>
                )}
                <ActionForm
                  action={decideEscalationAction}
                  submit={t('queue.sendBack')}
                  testId="send-back-form"
                  tone="neutral"
                >
                  <input type="hidden" name="escalationId" value={e.id} />
                  <input type="hidden" name="decision" value="REJECTED" />
                  <label className="flex flex-col">
                    <span className="text-xs text-slate-500">{t('queue.reason')}</span>
                    <select name="reason" className={input} defaultValue="" required>
                      <option value="" disabled>
                        —
                      </option>
                      {SEND_BACK_REASONS.map((r) => (
                        <option key={r} value={r}>
                          {t(`sendBack.${r}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="flex flex-col">
                    <span className="text-xs text-slate-500">{t('queue.note')}</span>
                    <input name="note" className={`${input} w-64`} maxLength={1000} />
                  </label>
                </ActionForm>
                {/* Closing is the closing form's, on the file page (issue 16, "Closing"). */}
                <Link href={`/files/${e.fileId}`} className="inline-block text-sm underline" data-testid="close-link">
                  {t('queue.close')}
                </Link>
              </div>
            </section>
          );
        })}
      </div>
    </main>
  );
}
