'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE_RATE_FORM, type RateFormState } from './rate-form-state';

export interface RateField {
  name: string;
  label: string;
  kind: 'date' | 'percent' | 'text' | 'fixed';
  /** For a fixed field: the value posted, which the person reads but does not choose. */
  value?: string;
}

interface Props {
  action: (state: RateFormState, formData: FormData) => Promise<RateFormState>;
  testId: string;
  title: string;
  hint?: string;
  fields: RateField[];
}

const input = 'w-full rounded border bg-white px-2 py-1.5 text-sm';

/** One row to append to a rate table; each refused field says why, in the reader's language. */
export function RateEntryForm({ action, testId, title, hint, fields }: Props) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, IDLE_RATE_FORM);
  return (
    <form action={formAction} className="space-y-3" data-testid={testId} noValidate>
      <h3 className="text-sm font-semibold">{title}</h3>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {state.status === 'error' && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {t('rates.form.refused')}
        </p>
      )}
      {state.status === 'saved' && (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('rates.form.saved')}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((f) => {
          const id = `${testId}-${f.name}`;
          const error = state.errors[f.name];
          if (f.kind === 'fixed')
            return (
              <div key={f.name} className={error ? 'sm:col-span-2' : 'hidden'}>
                <input type="hidden" name={f.name} value={f.value} />
                {error && <p className="text-xs text-rose-700">{t.has(error) ? t(error) : error}</p>}
              </div>
            );
          return (
            <div key={f.name}>
              <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
                {f.label}
              </label>
              <input
                key={`${f.name}-${state.seq}`}
                id={id}
                name={f.name}
                type={f.kind === 'date' ? 'date' : 'text'}
                inputMode={f.kind === 'percent' ? 'decimal' : undefined}
                defaultValue={state.values[f.name] ?? ''}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className={`${input} ${error ? 'border-rose-500' : 'border-slate-300'}`}
              />
              {error && (
                <p id={`${id}-error`} className="mt-1 text-xs text-rose-700">
                  {t.has(error) ? t(error) : error}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {t('rates.form.submit')}
      </button>
    </form>
  );
}
