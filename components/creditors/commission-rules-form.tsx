'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import type { COMMISSION_FORM_FIELDS } from '@/lib/creditors/commission-rules-form';

export type CommissionFormField = (typeof COMMISSION_FORM_FIELDS)[number];
export type CommissionFormValues = Partial<Record<CommissionFormField, string>>;

export interface CommissionFormState {
  status: 'idle' | 'error';
  seq: number;
  message?: string;
  fields?: Partial<Record<CommissionFormField, string>>;
  values?: CommissionFormValues;
}

const control =
  'mt-1 w-full rounded border bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none aria-invalid:border-rose-500 aria-invalid:bg-rose-50';

/** The commission terms of a mandate beyond its rates per phase and fee per file; the server action validates. */
export function CommissionRulesForm({
  action,
  initial,
  hidden,
}: {
  action: (state: CommissionFormState, formData: FormData) => Promise<CommissionFormState>;
  initial: CommissionFormValues;
  hidden: Record<string, string>;
}) {
  const t = useTranslations('mandates.commission');
  const id = useId();
  const [state, formAction, pending] = useActionState(action, { status: 'idle', seq: 0 } as CommissionFormState);
  const values = state.status === 'error' ? { ...initial, ...state.values } : initial;
  const error = (name: CommissionFormField) => (state.status === 'error' ? state.fields?.[name] : undefined);
  const field = (name: CommissionFormField, input: React.ReactNode, hint?: string) => (
    <div className={name === 'tiers' ? 'sm:col-span-2' : undefined}>
      <label htmlFor={`${id}-${name}`} className="block text-xs font-medium text-slate-600">
        {t(`fields.${name}`)}
      </label>
      {input}
      {error(name) ? (
        <p className="mt-1 text-xs text-rose-700" data-field-error={name}>
          {error(name)}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
  const text = (name: CommissionFormField) => ({
    id: `${id}-${name}`,
    name,
    defaultValue: values[name] ?? '',
    'aria-invalid': error(name) ? true : undefined,
    className: control,
  });
  return (
    <form action={formAction} key={state.seq} className="grid gap-4 sm:grid-cols-2" data-testid="commission-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.status === 'error' && state.message && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800 sm:col-span-2">
          {state.message}
        </p>
      )}
      {field(
        'tiersBasis',
        <select {...text('tiersBasis')}>
          <option value="">{t('basis.NONE')}</option>
          <option value="COLLECTED">{t('basis.COLLECTED')}</option>
          <option value="AGE">{t('basis.AGE')}</option>
        </select>,
      )}
      {field('vatPercent', <input type="text" inputMode="decimal" {...text('vatPercent')} />)}
      {field('tiers', <textarea rows={4} {...text('tiers')} />, t('tiersHint'))}
      {field('letterFee', <input type="text" inputMode="decimal" {...text('letterFee')} />)}
      {field('minimum', <input type="text" inputMode="decimal" {...text('minimum')} />)}
      {field('maximum', <input type="text" inputMode="decimal" {...text('maximum')} />, t('maximumHint'))}
      <label className="flex items-center gap-2 self-end text-sm">
        <input
          type="checkbox"
          name="directPaymentsCommissionable"
          defaultChecked={values.directPaymentsCommissionable === 'on'}
        />
        {t('fields.directPaymentsCommissionable')}
      </label>
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-40"
        >
          {t('save')}
        </button>
      </div>
    </form>
  );
}
