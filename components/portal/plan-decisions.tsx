'use client';

import { useState, useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { decidePlanAction } from '@/app/actions/payments';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import type { PlanAwaiting } from '@/lib/payments/plans-awaiting';

/** Each plan awaiting the creditor: its terms, why it needs approval, and Accept / Refuse with a note. */
export function PlanDecisions({ plans }: { plans: PlanAwaiting[] }) {
  const t = useTranslations('planApproval');
  // A decision refreshes the page, whose list no longer holds the plan: the plans first shown stay in sight,
  // each with its outcome, and any that arrived since join them.
  const [first] = useState(plans);
  const shown = [...first, ...plans.filter((p) => !first.some((f) => f.id === p.id))];
  if (shown.length === 0)
    return (
      <p className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-600" data-testid="plans-none">
        {t('none')}
      </p>
    );
  return (
    <ul className="space-y-4" data-testid="plans-awaiting">
      {shown.map((plan) => (
        <PlanCard key={plan.id} plan={plan} />
      ))}
    </ul>
  );
}

function PlanCard({ plan }: { plan: PlanAwaiting }) {
  const t = useTranslations('planApproval');
  const locale = toLocale(useLocale());
  const money = (cents: number) => formatMoney(cents, plan.currency, locale);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<'ACTIVE' | 'REFUSED' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const instalments = plan.instalments.filter((i) => i.seq > 0);
  const decide = (decision: 'ACCEPT' | 'REFUSE') =>
    start(async () => {
      const answer = await decidePlanAction({ planId: plan.id, decision, ...(note.trim() ? { note } : {}) });
      if (answer.ok) {
        setOutcome(answer.planStatus);
        setError(null);
      } else setError(answer.error.fields.note ?? answer.error.message);
    });
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="plan-awaiting">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">
          <a className="text-brand-700 hover:underline" href={`/portal/files/${plan.fileId}`}>
            {plan.fileReference}
          </a>{' '}
          — {plan.debtorName}
        </h2>
        <span className="text-sm text-slate-600">
          {plan.proposedBy
            ? t('proposed', { day: formatDay(plan.proposedAt.slice(0, 10), locale), by: plan.proposedBy })
            : t('proposedOn', { day: formatDay(plan.proposedAt.slice(0, 10), locale) })}
        </span>
      </div>
      <p className="mt-2 text-sm">
        {t('terms', {
          count: instalments.length,
          amount: money(instalments[0]?.amountCents ?? 0),
          first: formatDay(instalments[0]?.dueOn ?? '', locale),
          last: formatDay(instalments.at(-1)?.dueOn ?? '', locale),
          total: money(plan.totalCents),
        })}
      </p>
      <p className="mt-1 text-sm text-slate-700" data-testid="plan-awaiting-interest">
        {plan.interestMode === 'INCLUDED'
          ? t('interestIncluded', { interest: money(plan.interestCents) })
          : t('interestFrozen')}
      </p>
      <p className="mt-1 text-sm text-amber-900">
        {t('why', { reasons: plan.reasons.map((r) => t(`reasons.${r}`)).join(', ') })}
      </p>
      {outcome ? (
        <p role="status" className="mt-3 rounded bg-emerald-50 p-2 text-sm text-emerald-900" data-testid="plan-decided">
          {outcome === 'ACTIVE' ? t('accepted') : t('refused')}
        </p>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <label className="flex grow flex-col text-sm">
            <span className="text-slate-600">{t('note')}</span>
            <input
              name="note"
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button
            type="button"
            disabled={pending}
            onClick={() => decide('ACCEPT')}
            className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {t('accept')}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => decide('REFUSE')}
            className="rounded bg-white px-4 py-1.5 text-sm font-medium text-rose-700 ring-1 ring-rose-600 hover:bg-rose-50 disabled:opacity-60"
          >
            {t('refuse')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {error}
        </p>
      )}
    </li>
  );
}
