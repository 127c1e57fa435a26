'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE_DEBTOR_FORM, type DebtorFormState } from './form-state';

/** For a debtor with neither the postcode nor an invoice at hand: a code to their own e-mail or phone. */
export function CodeRequestForm({
  action,
  minutes,
}: {
  action: (state: DebtorFormState, form: FormData) => Promise<DebtorFormState>;
  minutes: number;
}) {
  const t = useTranslations('debtorPage.code');
  const [state, formAction, pending] = useActionState(action, IDLE_DEBTOR_FORM);
  const button =
    'w-full rounded border border-brand-700 bg-white px-4 py-2.5 text-base font-semibold text-brand-900 hover:bg-brand-50 disabled:opacity-60';
  return (
    <form
      action={formAction}
      className="space-y-3"
      data-testid="debtor-code-request"
      aria-labelledby="debtor-code-title"
    >
      <h2 id="debtor-code-title" className="text-base font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-700">{t('text', { minutes })}</p>
      <div className="grid gap-2 sm:grid-cols-2">
        <button type="submit" name="channel" value="EMAIL" disabled={pending} className={button}>
          {t('byEmail')}
        </button>
        <button type="submit" name="channel" value="SMS" disabled={pending} className={button}>
          {t('bySms')}
        </button>
      </div>
      {state.status !== 'idle' && (
        <p
          key={state.seq}
          role={state.status === 'error' ? 'alert' : 'status'}
          className={`text-sm ${state.status === 'error' ? 'text-rose-800' : 'text-emerald-900'}`}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
