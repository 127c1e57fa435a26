'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { DEBTOR_DISPUTE_KINDS } from '@/lib/debtor-links/dispute-kinds';
import { ATTACHMENT_LIMITS } from '@/lib/debtor-page/attachment-limits';
import { DATA_REQUESTS } from '@/lib/debtor-links/data-requests';
import { IDLE_DEBTOR_FORM, type DebtorFormState } from './form-state';

type Action = (state: DebtorFormState, form: FormData) => Promise<DebtorFormState>;

export const control =
  'mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2 text-base focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-rose-600';

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-rose-800">
          {error}
        </p>
      )}
    </div>
  );
}

export function RequestForm({
  name,
  action,
  submit,
  children,
}: {
  name: string;
  action: Action;
  submit: string;
  children: (state: DebtorFormState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE_DEBTOR_FORM);
  return (
    <form action={formAction} className="space-y-3" data-testid={`debtor-${name}`} noValidate>
      {state.message && (
        <p
          role={state.status === 'error' ? 'alert' : 'status'}
          className={`rounded px-3 py-2 text-sm ${state.status === 'error' ? 'bg-rose-50 text-rose-900' : 'bg-emerald-50 text-emerald-900'}`}
        >
          {state.message}
        </p>
      )}
      <div key={state.seq} className="space-y-3">
        {children(state)}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand-700 px-4 py-2.5 text-base font-semibold text-white hover:bg-brand-900 disabled:opacity-60 sm:w-auto"
      >
        {submit}
      </button>
    </form>
  );
}

export function PromiseForm({ action, today, lastDay }: { action: Action; today: string; lastDay: string }) {
  const t = useTranslations('debtorPage.promise');
  return (
    <RequestForm name="promise" action={action} submit={t('submit')}>
      {(s) => (
        <>
          <Field id="promise-amount" label={t('amount')} hint={t('amountHint')} error={s.fields.amount}>
            {(p) => (
              <input {...p} name="amount" inputMode="decimal" defaultValue={s.values.amount} className={control} />
            )}
          </Field>
          <Field id="promise-day" label={t('dueOn')} error={s.fields.dueOn}>
            {(p) => (
              <input
                {...p}
                name="dueOn"
                type="date"
                min={today}
                max={lastDay}
                defaultValue={s.values.dueOn}
                className={control}
              />
            )}
          </Field>
        </>
      )}
    </RequestForm>
  );
}

export function CallbackForm({ action }: { action: Action }) {
  const t = useTranslations('debtorPage.callback');
  return (
    <RequestForm name="callback" action={action} submit={t('submit')}>
      {(s) => (
        <>
          <Field id="callback-at" label={t('at')} hint={t('atHint')} error={s.fields.at}>
            {(p) => <input {...p} name="at" type="datetime-local" defaultValue={s.values.at} className={control} />}
          </Field>
          <Field id="callback-text" label={t('text')} error={s.fields.text}>
            {(p) => <input {...p} name="text" maxLength={500} defaultValue={s.values.text} className={control} />}
          </Field>
        </>
      )}
    </RequestForm>
  );
}

export function DisputeForm({ action }: { action: Action }) {
  const t = useTranslations('debtorPage.dispute');
  const kinds = useTranslations('debtorPage.disputeKinds');
  return (
    <RequestForm name="dispute" action={action} submit={t('submit')}>
      {(s) => (
        <>
          <fieldset>
            <legend className="block text-sm font-medium text-slate-800">{t('kind')}</legend>
            <div className="mt-1 space-y-1">
              {DEBTOR_DISPUTE_KINDS.map((k) => (
                <label key={k} className="flex items-center gap-2 text-base">
                  <input type="radio" name="kind" value={k} defaultChecked={s.values.kind === k} className="h-4 w-4" />
                  {kinds(k)}
                </label>
              ))}
            </div>
            {s.fields.kind && <p className="mt-1 text-sm text-rose-800">{s.fields.kind}</p>}
          </fieldset>
          <Field id="dispute-text" label={t('text')} hint={t('textHint')} error={s.fields.text}>
            {(p) => (
              <textarea {...p} name="text" rows={4} maxLength={2000} defaultValue={s.values.text} className={control} />
            )}
          </Field>
          <Field
            id="dispute-attachments"
            label={t('attachments')}
            hint={t('attachmentsHint', {
              files: ATTACHMENT_LIMITS.files,
              mb: ATTACHMENT_LIMITS.bytesEach >> 20,
            })}
            error={s.fields.attachments}
          >
            {(p) => (
              <input
                {...p}
                name="attachments"
                type="file"
                multiple
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                className={control}
              />
            )}
          </Field>
        </>
      )}
    </RequestForm>
  );
}

export function PlanForm({
  action,
  maxMonths,
  today,
  lastDay,
}: {
  action: Action;
  maxMonths: number;
  today: string;
  lastDay: string;
}) {
  const t = useTranslations('debtorPage.plan');
  const counts = Array.from({ length: Math.max(2, Math.min(36, maxMonths * 2)) - 1 }, (_, i) => i + 2);
  return (
    <RequestForm name="plan" action={action} submit={t('submit')}>
      {(s) => (
        <>
          <Field id="plan-count" label={t('count')} error={s.fields.instalmentCount}>
            {(p) => (
              <select
                {...p}
                name="instalmentCount"
                defaultValue={s.values.instalmentCount ?? String(Math.min(3, maxMonths))}
                className={control}
              >
                {counts.map((n) => (
                  <option key={n} value={n}>
                    {t('months', { count: n })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="plan-first" label={t('firstDueOn')} error={s.fields.firstDueOn}>
            {(p) => (
              <input
                {...p}
                name="firstDueOn"
                type="date"
                min={today}
                max={lastDay}
                defaultValue={s.values.firstDueOn}
                className={control}
              />
            )}
          </Field>
        </>
      )}
    </RequestForm>
  );
}

export function ContactForm({ action }: { action: Action }) {
  const t = useTranslations('debtorPage.contact');
  return (
    <RequestForm name="contact" action={action} submit={t('submit')}>
      {(s) => (
        <>
          <Field id="contact-phone" label={t('phone')} error={s.fields.phone}>
            {(p) => (
              <input
                {...p}
                name="phone"
                type="tel"
                autoComplete="tel"
                defaultValue={s.values.phone}
                className={control}
              />
            )}
          </Field>
          <Field id="contact-email" label={t('email')} error={s.fields.email}>
            {(p) => (
              <input
                {...p}
                name="email"
                type="email"
                autoComplete="email"
                defaultValue={s.values.email}
                className={control}
              />
            )}
          </Field>
        </>
      )}
    </RequestForm>
  );
}

export function DataRequestForm({ action }: { action: Action }) {
  const t = useTranslations('debtorPage.data');
  return (
    <RequestForm name="data" action={action} submit={t('submit')}>
      {(s) => (
        <>
          <fieldset>
            <legend className="block text-sm font-medium text-slate-800">{t('request')}</legend>
            <div className="mt-1 space-y-1">
              {DATA_REQUESTS.map((r) => (
                <label key={r} className="flex items-center gap-2 text-base">
                  <input
                    type="radio"
                    name="request"
                    value={r}
                    defaultChecked={s.values.request === r}
                    className="h-4 w-4"
                  />
                  {t(`requests.${r}`)}
                </label>
              ))}
            </div>
            {s.fields.request && <p className="mt-1 text-sm text-rose-800">{s.fields.request}</p>}
          </fieldset>
          <Field id="data-text" label={t('text')} hint={t('textHint')} error={s.fields.text}>
            {(p) => (
              <textarea {...p} name="text" rows={3} maxLength={2000} defaultValue={s.values.text} className={control} />
            )}
          </Field>
        </>
      )}
    </RequestForm>
  );
}
