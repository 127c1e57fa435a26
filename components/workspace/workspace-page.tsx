import Link from 'next/link';
import { notFound } from 'next/navigation';
import { currentIp } from '@/lib/http/client-ip';
import { getLocale, getTranslations } from 'next-intl/server';
import { fileWorkspace } from '@/lib/activity/queries';
import { getFile } from '@/lib/cases/queries';
import { AppError } from '@/lib/errors/app-error';
import { formatDateTime, formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { fileAmounts } from '@/lib/payments/file-amounts';
import { filePayments } from '@/lib/payments/queries';
import { fileRegisteredLetters } from '@/lib/scenarios/file-letters';
import type { Actor } from '@/lib/tenancy/actor';
import { can } from '@/lib/tenancy/permissions';
import { StatusBadge } from '../status-badge';
import { RegisteredLetterForm } from './registered-letter-form';
import { ReversePayment } from './reverse-payment';
import type { PanelFile } from './types';
import { WorkspacePanel } from './workspace-panel';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

async function load(actor: Actor, id: string) {
  const ip = await currentIp();
  try {
    const file = await getFile({ actor, id, ip });
    const [workspace, payments, amounts, letters] = await Promise.all([
      fileWorkspace(actor, file.id),
      filePayments(actor, file.id),
      fileAmounts(actor, file.id),
      fileRegisteredLetters(actor, file.id),
    ]);
    return { file, workspace, payments, amounts, letters };
  } catch (error) {
    // A malformed id or another agency's file is a plain 404.
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  }
}

/** The agent's file page: where the file stands in money, the action panel, the claims, payments and history. */
export async function WorkspacePage({ actor, id }: { actor: Actor; id: string }) {
  const [{ file, workspace, payments, amounts, letters }, t, tr, locale] = await Promise.all([
    load(actor, id),
    getTranslations('workspace'),
    getTranslations(),
    getLocale().then(toLocale),
  ]);
  const money = (cents: number) => formatMoney(cents, file.currency, locale);
  const hasQueue = can(actor, 'queue.read');
  const canReverse = can(actor, 'payments.reverse');
  const b2b = amounts.nature === 'B2B';
  const activePlan = payments.plans.find((p) => p.status === 'ACTIVE');
  const panel: PanelFile = {
    fileId: file.id,
    reference: file.reference,
    version: workspace.version,
    status: file.status,
    debtorKind: file.debtor.kind,
    currency: file.currency,
    today: amounts.asOf,
    claims: file.claims.map((c) => ({ id: c.id, invoiceNumber: c.invoiceNumber })),
    activePlan: activePlan ? { id: activePlan.id, totalCents: activePlan.totalCents } : null,
    workspace: {
      info: workspace.info,
      contactPoints: workspace.contactPoints,
      openTasks: workspace.openTasks,
      promises: workspace.promises,
      disputes: workspace.disputes,
    },
    hasQueue,
  };
  const figures: { key: string; label: string; cents: number; strong?: boolean }[] = [
    { key: 'principal', label: t('amounts.principal'), cents: amounts.totals.principalCents },
    {
      key: 'interest',
      label: t(b2b ? 'amounts.penalties' : 'amounts.interest', { date: formatDay(amounts.asOf, locale) }),
      cents: amounts.totals.interestCents,
    },
    ...(b2b ? [{ key: 'indemnity', label: t('amounts.indemnity'), cents: amounts.totals.indemnityCents }] : []),
    { key: 'collected', label: t('amounts.collected'), cents: amounts.totals.collectedCents },
    { key: 'credit', label: t('amounts.credit'), cents: amounts.totals.creditCents },
    { key: 'due', label: t('amounts.due'), cents: amounts.totals.dueCents, strong: true },
  ];

  return (
    <main className="mx-auto max-w-7xl px-6 py-6">
      <nav className="flex gap-4 text-sm">
        {hasQueue && (
          <Link href="/queue" className="text-brand-700 hover:underline">
            ← {t('backToQueue')}
          </Link>
        )}
        <Link href="/files" className="text-brand-700 hover:underline">
          {tr('file.back')}
        </Link>
      </nav>

      <header className="mt-3 mb-5">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="debtor-name">
            {file.debtor.displayName}
          </h1>
          <span className="font-mono text-sm text-slate-500" data-testid="file-reference">
            {file.reference}
          </span>
          <StatusBadge status={file.status} label={tr(`status.${file.status}`)} />
          <span className="text-sm text-slate-600">{tr(`phase.${file.phase}`)}</span>
          <span className="ml-auto text-sm text-slate-500">
            {file.creditor.name} · {tr('file.placedOn', { date: formatDay(file.placedAt.slice(0, 10), locale) })}
          </span>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" data-testid="file-amounts">
          {figures.map((f) => (
            <div
              key={f.key}
              className={`rounded-lg border px-3 py-2 ${f.strong ? 'border-brand-600 bg-brand-50' : 'border-slate-200 bg-white'}`}
            >
              <dt className="text-xs text-slate-500">{f.label}</dt>
              <dd
                className={`tabular-nums ${f.strong ? 'text-lg font-semibold text-brand-900' : 'font-medium'}`}
                data-testid={`amount-${f.key}`}
              >
                {money(f.cents)}
              </dd>
            </div>
          ))}
        </dl>
        {amounts.estimated && (
          <p className="mt-2 text-xs text-amber-800" data-testid="estimated-rate">
            {t('amounts.estimated')}
          </p>
        )}
      </header>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <WorkspacePanel file={panel} />

          <section className={card}>
            <h2 className={heading}>
              {tr('file.claims')} · {tr('file.claimCount', { count: file.totals.claimCount })}
            </h2>
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="claims-table">
                <thead className="text-left text-xs text-slate-500">
                  <tr>
                    <th className="py-1 pr-2 font-medium">{tr('file.invoice')}</th>
                    <th className="py-1 pr-2 font-medium">{tr('file.dueOn')}</th>
                    <th className="py-1 pr-2 text-right font-medium">{t('claims.principal')}</th>
                    <th className="py-1 pr-2 text-right font-medium">
                      {t(b2b ? 'claims.penalties' : 'claims.interest')}
                    </th>
                    {b2b && <th className="py-1 pr-2 text-right font-medium">{t('claims.indemnity')}</th>}
                    <th className="py-1 pr-2 text-right font-medium">{t('claims.paid')}</th>
                    <th className="py-1 text-right font-medium">{t('claims.due')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {amounts.claims.map((c) => (
                    <tr key={c.claimId}>
                      <td className="py-1.5 pr-2 font-mono text-xs">{c.invoiceNumber}</td>
                      <td className="py-1.5 pr-2">{formatDay(c.dueOn, locale)}</td>
                      <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.principalCents)}</td>
                      <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.interestCents)}</td>
                      {b2b && <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.indemnityCents)}</td>}
                      <td className="py-1.5 pr-2 text-right tabular-nums">{money(c.paidCents)}</td>
                      <td className="py-1.5 text-right font-medium tabular-nums">{money(c.dueCents)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="border-t-2 border-slate-200 font-semibold">
                    <td className="py-2" colSpan={2}>
                      {tr('file.total')}
                    </td>
                    <td className="py-2 pr-2 text-right tabular-nums" data-testid="claims-total">
                      {money(amounts.totals.principalCents)}
                    </td>
                    <td className="py-2 pr-2 text-right tabular-nums">{money(amounts.totals.interestCents)}</td>
                    {b2b && (
                      <td className="py-2 pr-2 text-right tabular-nums">{money(amounts.totals.indemnityCents)}</td>
                    )}
                    <td className="py-2 pr-2 text-right tabular-nums">{money(amounts.totals.paidCents)}</td>
                    <td className="py-2 text-right tabular-nums">{money(amounts.totals.dueCents)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>

          <section className={card}>
            <h2 className={heading}>{t('money.title')}</h2>
            {payments.payments.length === 0 && payments.plans.length === 0 ? (
              <p className="text-sm text-slate-500">{t('money.none')}</p>
            ) : (
              <div className="space-y-4">
                {payments.plans.map((plan) => (
                  <div key={plan.id} className="rounded border border-slate-200 p-3" data-testid="plan">
                    <div className="flex flex-wrap items-baseline gap-3 text-sm">
                      <span className="font-medium">
                        {t('money.plan', {
                          amount: money(plan.totalCents),
                          frequency: t(`frequencies.${plan.frequency}`),
                        })}
                      </span>
                      <span className="rounded bg-slate-100 px-1.5 text-xs">{t(`planStatus.${plan.status}`)}</span>
                      <a
                        href={`/api/plans/${plan.id}/letter`}
                        download
                        className="ml-auto text-xs font-medium text-brand-700 hover:underline"
                      >
                        {t('plan.letter')}
                      </a>
                    </div>
                    <table className="mt-2 w-full text-xs">
                      <tbody className="divide-y divide-slate-100">
                        {plan.instalments.map((i) => (
                          <tr key={i.seq}>
                            <td className="py-0.5">
                              {i.seq === 0 ? t('plan.downPaymentRow') : t('plan.instalment', { seq: i.seq })}
                            </td>
                            <td className="py-0.5">{formatDay(i.dueOn, locale)}</td>
                            <td className="py-0.5 text-right tabular-nums">{money(i.amountCents)}</td>
                            <td className="py-0.5 text-right text-slate-500 tabular-nums">
                              {t('money.paid', { amount: money(i.paidCents) })}
                            </td>
                            <td className="py-0.5 pl-3">
                              {/* An instalment still due when its plan ended will never be asked for. */}
                              {t(
                                `instalmentStatus.${plan.status !== 'ACTIVE' && i.status === 'DUE' ? 'ENDED' : i.status}`,
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ))}
                {payments.payments.length > 0 && (
                  <table className="w-full text-sm" data-testid="payments">
                    <tbody className="divide-y divide-slate-100">
                      {payments.payments.map((p) => (
                        <tr key={p.id} className={p.reversedBy ? 'text-slate-400' : ''}>
                          <td className="py-1.5 pr-2">{formatDay(p.receivedOn, locale)}</td>
                          <td className="py-1.5 pr-2">
                            {p.reversesId ? t('money.reversal') : t(`methods.${p.method}`)}
                            {p.reference ? <span className="text-xs text-slate-500"> · {p.reference}</span> : null}
                          </td>
                          <td className="py-1.5 pr-2 text-right tabular-nums">{money(p.amountCents)}</td>
                          <td className="py-1.5 text-right">
                            <a
                              href={`/api/payments/${p.id}/receipt`}
                              download
                              className="font-mono text-xs text-brand-700 hover:underline"
                            >
                              {p.receiptNumber} (PDF)
                            </a>
                            {canReverse && !p.reversesId && !p.reversedBy && (
                              <ReversePayment fileId={file.id} paymentId={p.id} />
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            )}
          </section>

          {letters.length > 0 && (
            <section className={card} data-testid="registered-letters">
              <h2 className={heading}>{t('registeredMail.title')}</h2>
              <ul className="divide-y divide-slate-100">
                {letters.map((l) => (
                  <li key={l.id} className="py-2" data-testid="registered-letter">
                    <p className="flex flex-wrap items-baseline gap-x-3 text-sm">
                      <span className="font-mono text-xs font-medium">{l.reference}</span>
                      <span className="text-xs text-slate-500">
                        {t(`registeredMail.kinds.${l.kind}`)} ·{' '}
                        {t('registeredMail.producedOn', { date: formatDay(l.producedOn, locale) })}
                      </span>
                    </p>
                    <dl className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                      <div>
                        <dt className="text-xs text-slate-500">{t('registeredMail.trackingNumber')}</dt>
                        <dd className="font-mono text-xs" data-testid="letter-tracking">
                          {l.trackingNumber ?? '—'}
                        </dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-500">{t('registeredMail.sentOn')}</dt>
                        <dd>{l.sentOn ? formatDay(l.sentOn, locale) : '—'}</dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-500">{t('registeredMail.acknowledgedOn')}</dt>
                        <dd>{l.acknowledgedOn ? formatDay(l.acknowledgedOn, locale) : '—'}</dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-500">{t('registeredMail.outcome')}</dt>
                        <dd className={l.deliveryOutcome === 'UNKNOWN_ADDRESS' ? 'text-rose-700' : ''}>
                          {t(`registeredMail.outcomes.${l.deliveryOutcome ?? 'none'}`)}
                        </dd>
                      </div>
                    </dl>
                    <RegisteredLetterForm fileId={file.id} letter={l} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>

        <div className="space-y-4">
          <section className={card}>
            <h2 className={heading}>{tr('file.debtor')}</h2>
            <p className="font-medium">{file.debtor.displayName}</p>
            <p className="text-sm text-slate-600">
              {tr(file.debtor.kind === 'COMPANY' ? 'file.company' : 'file.person')}
              {file.debtor.siren ? ` · ${tr('file.siren')} ${file.debtor.siren}` : ''}
            </p>
            <ul className="mt-3 space-y-1 text-sm">
              {workspace.contactPoints.map((c) => (
                <li key={c.id} className="flex gap-2">
                  <span className="w-24 shrink-0 pt-0.5 text-xs text-slate-500 uppercase">
                    {tr(`contactKind.${c.kind}`)}
                  </span>
                  <span
                    className={c.status === 'VALID' || c.status === 'UNVERIFIED' ? '' : 'text-slate-400 line-through'}
                  >
                    {c.value}
                  </span>
                </li>
              ))}
            </ul>
            {workspace.info && (
              <dl className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm">
                {workspace.info.nonPaymentReason && (
                  <div>
                    <dt className="inline text-slate-500">{t('info.nonPaymentReason')} : </dt>
                    <dd className="inline">{t(`reasons.${workspace.info.nonPaymentReason}`)}</dd>
                  </div>
                )}
                {workspace.info.solvency && (
                  <div>
                    <dt className="inline text-slate-500">{t('info.solvency')} : </dt>
                    <dd className="inline">{t(`solvency.${workspace.info.solvency}`)}</dd>
                  </div>
                )}
                {workspace.info.employer && (
                  <div>
                    <dt className="inline text-slate-500">{t('info.employer')} : </dt>
                    <dd className="inline">{workspace.info.employer}</dd>
                  </div>
                )}
                {workspace.info.bank && (
                  <div>
                    <dt className="inline text-slate-500">{t('info.bank')} : </dt>
                    <dd className="inline">{workspace.info.bank}</dd>
                  </div>
                )}
              </dl>
            )}
            {workspace.companyEvents.length > 0 && (
              <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm">
                {workspace.companyEvents.map((e) => (
                  <li key={e.id}>
                    <span className="font-medium">{t(`eventKinds.${e.kind}`)}</span>{' '}
                    <span className="text-slate-500">{formatDay(e.occurredOn, locale)}</span>
                  </li>
                ))}
              </ul>
            )}
            <h2 className={`${heading} mt-5`}>{tr('file.creditor')}</h2>
            <p className="font-medium">{file.creditor.name}</p>
            <p className="font-mono text-xs text-slate-500">{file.creditor.code}</p>
          </section>

          <section className={card}>
            <h2 className={heading}>{tr('file.timeline')}</h2>
            {file.activities.length === 0 ? (
              <p className="text-sm text-slate-500">{tr('file.noActivity')}</p>
            ) : (
              <ol className="space-y-3 border-l-2 border-brand-100 pl-4" data-testid="timeline">
                {file.activities.map((a) => (
                  <li key={a.id} className="text-sm">
                    <p className="text-xs text-slate-500">{formatDateTime(a.occurredAt, locale)}</p>
                    <p>{a.summary}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}
