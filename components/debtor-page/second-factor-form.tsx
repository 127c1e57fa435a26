'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE_DEBTOR_FORM, type DebtorFormState } from './form-state';

/** The one question between a letter's link and the debtor's data. */
export function SecondFactorForm({
  action,
}: {
  action: (state: DebtorFormState, form: FormData) => Promise<DebtorFormState>;
}) {
  const t = useTranslations('debtorPage.access');
  const [state, formAction, pending] = useActionState(action, IDLE_DEBTOR_FORM);
  return (
    <form action={formAction} className="space-y-4" data-testid="debtor-second-factor" noValidate>
      <p className="text-sm text-slate-700">{t('why')}</p>
      <div>
        <label htmlFor="debtor-answer" className="block text-sm font-medium text-slate-800">
          {t('question')}
        </label>
        <p id="debtor-answer-hint" className="mt-1 text-xs text-slate-600">
          {t('hint')}
        </p>
        <input
          id="debtor-answer"
          name="answer"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={40}
          required
          aria-describedby={state.status === 'error' ? 'debtor-answer-hint debtor-answer-error' : 'debtor-answer-hint'}
          aria-invalid={state.status === 'error' ? true : undefined}
          className="mt-2 w-full rounded border border-slate-400 px-3 py-2 text-base focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
        {state.status === 'error' && (
          <p id="debtor-answer-error" role="alert" className="mt-2 text-sm text-rose-800">
            {state.message}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand-700 px-4 py-2.5 text-base font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {t('submit')}
      </button>
    </form>
  );
}
