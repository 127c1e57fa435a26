'use client';

import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { createPlanAction, previewPlanAction } from '@/app/actions/payments';
import type { PlanFrequency } from '@/lib/db/generated/enums';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import type { CreatedPlan } from '@/lib/payments/create-plan';
import type { PlanPreview } from '@/lib/payments/preview-plan';
import { Choices, Field, FormFrame, fromPaymentAction, useFileForm } from './form-kit';
import { CancelPlanForm, WithdrawPlanForm } from './cancel-plan-form';
import type { PanelFile } from './types';

const FREQUENCIES: readonly PlanFrequency[] = ['MONTHLY', 'BIWEEKLY', 'WEEKLY'];

/**
 * A payment plan: number of instalments or amount per instalment, first date, frequency, down payment.
 * "Preview" shows the schedule the server would save; "Save plan" only applies to the terms previewed.
 */
export function PlanForm({ file, onCreated }: { file: PanelFile; onCreated: (plan: CreatedPlan) => void }) {
  const t = useTranslations('workspace');
  const form = useFileForm(file.fileId, 'plan', {
    split: 'count',
    instalmentCount: '',
    instalmentAmount: '',
    firstDueOn: '',
    frequency: 'MONTHLY',
    downPayment: '',
  });
  const v = form.values;
  const terms = {
    fileId: file.fileId,
    ...(v.split === 'count' ? { instalmentCount: v.instalmentCount } : { instalmentCents: v.instalmentAmount }),
    firstDueOn: v.firstDueOn,
    frequency: v.frequency,
    downPaymentCents: v.downPayment,
  };
  const termsKey = JSON.stringify(terms);
  const [preview, setPreview] = useState<{ key: string; plan: PlanPreview } | null>(null);
  const current = preview?.key === termsKey ? preview.plan : null;
  const saveRef = useRef<HTMLButtonElement>(null);

  // Once the schedule is on screen, Enter saves it: the agent reads, then confirms without the mouse.
  // (Once the preview request is over: the button is disabled while it runs.)
  useEffect(() => {
    if (current && !form.pending) saveRef.current?.focus();
  }, [current, form.pending]);

  function showPreview() {
    form.submit(
      async () => fromPaymentAction<PlanPreview>(await previewPlanAction(terms)),
      (plan) => setPreview({ key: termsKey, plan }),
    );
  }

  function save() {
    form.submit(
      async () => fromPaymentAction<CreatedPlan>(await createPlanAction({ ...terms, expectedVersion: file.version })),
      (created) => {
        form.clear();
        setPreview(null);
        onCreated(created);
      },
    );
  }

  return (
    <div className="space-y-4">
      <FormFrame
        testId="form-plan"
        onSubmit={showPreview}
        error={form.error}
        pending={form.pending}
        submitLabel={t('plan.preview')}
      >
        <Choices
          legend={t('plan.split')}
          name="split"
          value={v.split as 'count' | 'amount'}
          options={[
            { value: 'count', label: t('plan.byCount') },
            { value: 'amount', label: t('plan.byAmount') },
          ]}
          onChange={(split) => form.set({ split })}
        />
        {v.split === 'count' ? (
          <Field label={t('plan.instalmentCount')} name="instalmentCount" error={form.error}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={v.instalmentCount}
                onChange={(e) => form.set({ instalmentCount: e.target.value })}
              />
            )}
          </Field>
        ) : (
          <Field label={t('plan.instalmentAmount')} name="instalmentCents" error={form.error} hint={t('form.euros')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                placeholder={t('form.amountPlaceholder')}
                value={v.instalmentAmount}
                onChange={(e) => form.set({ instalmentAmount: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field label={t('plan.firstDueOn')} name="firstDueOn" error={form.error}>
          {(p) => (
            <input
              {...p}
              type="date"
              min={file.today}
              value={v.firstDueOn}
              onChange={(e) => form.set({ firstDueOn: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('plan.frequency')} name="frequency" error={form.error}>
          {(p) => (
            <select {...p} value={v.frequency} onChange={(e) => form.set({ frequency: e.target.value })}>
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {t(`frequencies.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('plan.downPayment')}
          name="downPaymentCents"
          error={form.error}
          hint={t('plan.downPaymentHint')}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              placeholder={t('form.amountPlaceholder')}
              value={v.downPayment}
              onChange={(e) => form.set({ downPayment: e.target.value })}
            />
          )}
        </Field>
        {form.error?.fields.balanceCents && (
          <p className="text-sm text-rose-700 sm:col-span-2" data-field-error="balanceCents">
            {form.error.fields.balanceCents}
          </p>
        )}
      </FormFrame>
      {current && (
        <SchedulePreview file={file} plan={current}>
          <button
            ref={saveRef}
            type="button"
            onClick={save}
            disabled={form.pending}
            className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900 focus:ring-2 focus:ring-brand-600 focus:ring-offset-2 focus:outline-none disabled:opacity-60"
          >
            {form.pending ? t('form.saving') : t('plan.save')}
          </button>
        </SchedulePreview>
      )}
    </div>
  );
}

function SchedulePreview({ file, plan, children }: { file: PanelFile; plan: PlanPreview; children: React.ReactNode }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  const money = (cents: number) => formatMoney(cents, file.currency, locale);
  return (
    <section className="rounded border border-brand-100 bg-brand-50/60 p-3" data-testid="plan-preview">
      <h3 className="text-sm font-semibold text-brand-900">
        {t('plan.scheduleTitle', { amount: money(plan.balanceCents) })}
      </h3>
      {plan.estimated && <p className="mt-1 text-xs text-amber-800">{t('amounts.estimated')}</p>}
      <table className="mt-2 w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 font-medium">{t('plan.seq')}</th>
            <th className="py-1 font-medium">{t('plan.dueOn')}</th>
            <th className="py-1 text-right font-medium">{t('plan.amount')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-brand-100">
          {plan.schedule.map((i) => (
            <tr key={i.seq}>
              <td className="py-1">{i.seq === 0 ? t('plan.downPaymentRow') : t('plan.instalment', { seq: i.seq })}</td>
              <td className="py-1">{formatDay(i.dueOn, locale)}</td>
              <td className="py-1 text-right tabular-nums">{money(i.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-brand-100 font-semibold">
            <td className="py-1" colSpan={2}>
              {t('plan.total')}
            </td>
            <td className="py-1 text-right tabular-nums">{money(plan.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="mt-2 text-xs text-slate-700" data-testid="plan-interest-mode" data-mode={plan.interestMode}>
        {plan.interestMode === 'FROZEN'
          ? t('plan.interestFrozen')
          : t('plan.interestIncluded', { interest: money(plan.interestCents), balance: money(plan.balanceCents) })}
      </p>
      {plan.approvalReasons.length > 0 && (
        <p className="mt-2 rounded bg-amber-50 p-2 text-xs text-amber-900" data-testid="plan-approval-needed">
          {t('plan.approvalNeeded', {
            reasons: plan.approvalReasons
              .map((r) =>
                t(`plan.approvalReasons.${r}`, { months: plan.maxMonths, minimum: money(plan.minInstalmentCents) }),
              )
              .join(', '),
          })}
        </p>
      )}
      <p className="mt-2 text-xs text-slate-600">{t('plan.grace', { days: plan.graceDays })}</p>
      <div className="mt-3 flex items-center gap-3">
        {children}
        <span className="text-xs text-slate-500">{t('plan.saveHint')}</span>
      </div>
    </section>
  );
}

/** The plan just saved and its letter. */
export function PlanResult({ file, plan }: { file: PanelFile; plan: CreatedPlan }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  const instalments = plan.schedule.filter((i) => i.seq > 0).length;
  return (
    <section
      role="status"
      className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm"
      data-testid="plan-result"
    >
      <p className="font-semibold text-emerald-900">
        {t(plan.planStatus === 'AWAITING_APPROVAL' ? 'plan.submitted' : 'plan.saved', {
          count: instalments,
          amount: formatMoney(plan.totalCents, file.currency, locale),
        })}
      </p>
      <a
        href={`/api/plans/${plan.planId}/letter`}
        download
        className="mt-2 inline-flex items-center gap-1 rounded bg-white px-3 py-1 font-medium text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50"
        data-testid="plan-letter-link"
      >
        {t('plan.letter')}
      </a>
    </section>
  );
}

/** While a plan runs, another cannot be made: the tab shows the plan in force and its letter. */
export function ActivePlan({ file, plan }: { file: PanelFile; plan: NonNullable<PanelFile['activePlan']> }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  return (
    <div className="rounded border border-violet-200 bg-violet-50 p-3 text-sm" data-testid="active-plan">
      <p>
        {t(plan.status === 'AWAITING_APPROVAL' ? 'plan.awaiting' : 'plan.active', {
          amount: formatMoney(plan.totalCents, file.currency, locale),
        })}
      </p>
      <a
        href={`/api/plans/${plan.id}/letter`}
        download
        className="mt-2 inline-flex items-center gap-1 rounded bg-white px-3 py-1 font-medium text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50"
      >
        {t('plan.letter')}
      </a>
      <div className="mt-3 border-t border-violet-200 pt-3">
        {plan.status === 'ACTIVE' ? <CancelPlanForm file={file} /> : <WithdrawPlanForm file={file} planId={plan.id} />}
      </div>
    </div>
  );
}
