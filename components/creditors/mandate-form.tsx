'use client';

import { useActionState, useId, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { ClaimNature, MandateScope, RemittanceFrequency } from '@/lib/db/generated/enums';
import type { JudicialCostsBy } from '@/lib/creditors/schemas';
import { PENALTY_BASES } from '@/lib/interest/claim-terms';
import {
  INITIAL_MANDATE_FORM_STATE,
  type MandateFormField,
  type MandateFormState,
  type MandateFormValues,
} from './mandate-form-state';

const SCOPES: readonly MandateScope[] = ['AMICABLE', 'AMICABLE_AND_JUDICIAL'];
const FREQUENCIES: readonly RemittanceFrequency[] = ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY'];
const NATURES: readonly ClaimNature[] = ['B2B', 'CONSUMER', 'CIVIL'];
const PLAN_MODES = ['FROZEN', 'INCLUDED'] as const;
const COSTS_BY: readonly JudicialCostsBy[] = ['AGENCY', 'CREDITOR'];

const control =
  'mt-1 w-full rounded border bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none aria-invalid:border-rose-500 aria-invalid:bg-rose-50';

interface Props {
  action: (state: MandateFormState, formData: FormData) => Promise<MandateFormState>;
  initial: MandateFormValues;
  /** Ids the action needs (creditorId, or mandateId and the updatedAt read). */
  hidden: Record<string, string>;
  testId?: string;
}

/** The mandate terms form, for a new mandate and for an edit; the server action validates and answers. */
export function MandateForm({ action, initial, hidden, testId }: Props) {
  const t = useTranslations('mandates');
  const natures = useTranslations('scenarios.natures');
  const id = useId();
  const [state, formAction, pending] = useActionState(action, INITIAL_MANDATE_FORM_STATE);
  const values = state.status === 'error' ? { ...initial, ...state.values } : initial;

  function field(name: MandateFormField, label: string, input: ReactNode, hint?: string, wide = false) {
    const error = state.status === 'error' ? state.fields?.[name] : undefined;
    return (
      <div className={wide ? 'sm:col-span-2' : undefined}>
        <label htmlFor={`${id}-${name}`} className="block text-xs font-medium text-slate-600">
          {label}
        </label>
        {input}
        {error ? (
          <p id={`${id}-${name}-msg`} className="mt-1 text-xs text-rose-700" data-field-error={name}>
            {error}
          </p>
        ) : (
          hint && (
            <p id={`${id}-${name}-msg`} className="mt-1 text-xs text-slate-500">
              {hint}
            </p>
          )
        )}
      </div>
    );
  }

  const props = (name: MandateFormField) => ({
    id: `${id}-${name}`,
    name,
    defaultValue: values[name] ?? '',
    'aria-invalid': state.status === 'error' && Boolean(state.fields?.[name]),
    'aria-describedby': `${id}-${name}-msg`,
    className: `${control} border-slate-300`,
  });

  return (
    <form key={state.seq} action={formAction} noValidate data-testid={testId} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {field('reference', t('form.reference'), <input type="text" maxLength={64} {...props('reference')} />)}
        {field(
          'scope',
          t('form.scope'),
          <select {...props('scope')}>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`scopes.${s}`)}
              </option>
            ))}
          </select>,
        )}
        {field('startsOn', t('form.startsOn'), <input type="date" {...props('startsOn')} />)}
        {field('endsOn', t('form.endsOn'), <input type="date" {...props('endsOn')} />, t('form.endsOnHint'))}
        {field(
          'commissionAmicablePercent',
          t('form.commissionAmicablePercent'),
          <input type="text" inputMode="decimal" {...props('commissionAmicablePercent')} />,
          t('form.percentHint'),
        )}
        {field(
          'commissionJudicialPercent',
          t('form.commissionJudicialPercent'),
          <input type="text" inputMode="decimal" {...props('commissionJudicialPercent')} />,
          t('form.commissionJudicialHint'),
        )}
        {field(
          'judicialCostsBy',
          t('form.judicialCostsBy'),
          <select {...props('judicialCostsBy')} defaultValue={values.judicialCostsBy ?? 'AGENCY'}>
            {COSTS_BY.map((b) => (
              <option key={b} value={b}>
                {t(`form.judicialCostsByOptions.${b}`)}
              </option>
            ))}
          </select>,
          t('form.judicialCostsByHint'),
        )}
        {field(
          'fixedFee',
          t('form.fixedFee'),
          <input type="text" inputMode="decimal" {...props('fixedFee')} />,
          t('form.fixedFeeHint'),
        )}
        {field(
          'remittanceFrequency',
          t('form.remittanceFrequency'),
          <select {...props('remittanceFrequency')}>
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`frequencies.${f}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'guaranteeReference',
          t('form.guaranteeReference'),
          <input type="text" maxLength={200} {...props('guaranteeReference')} />,
          t('form.guaranteeHint'),
          true,
        )}
        {field(
          'remittanceDeadlineDays',
          t('form.remittanceDeadlineDays'),
          <input type="number" min={1} max={31} step={1} {...props('remittanceDeadlineDays')} />,
          t('form.remittanceDeadlineHint'),
          true,
        )}
        {field(
          'defaultNature',
          t('form.defaultNature'),
          <select {...props('defaultNature')}>
            <option value="">{t('form.byDebtorType')}</option>
            {NATURES.map((n) => (
              <option key={n} value={n}>
                {natures(n)}
              </option>
            ))}
          </select>,
          t('form.defaultNatureHint'),
        )}
        {field(
          'penaltyBasis',
          t('form.penaltyBasis'),
          <select {...props('penaltyBasis')}>
            {PENALTY_BASES.map((b) => (
              <option key={b} value={b}>
                {t(`form.penaltyBases.${b}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'contractRatePercent',
          t('form.contractRatePercent'),
          <input type="text" inputMode="decimal" {...props('contractRatePercent')} />,
          t('form.contractRateHint'),
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="creditorIsPrivateIndividual"
            defaultChecked={values.creditorIsPrivateIndividual === 'on'}
          />
          {t('form.creditorIsPrivateIndividual')}
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-700 sm:col-span-2">
          <input
            type="checkbox"
            name="emailFirstLetter"
            className="mt-1"
            defaultChecked={values.emailFirstLetter === 'on'}
          />
          <span>
            {t('form.emailFirstLetter')}
            <span className="block text-xs text-slate-500">{t('form.emailFirstLetterHint')}</span>
          </span>
        </label>
      </div>
      <fieldset
        className="grid gap-4 rounded border border-slate-200 p-3 sm:grid-cols-2"
        data-testid="mandate-plan-terms"
      >
        <legend className="px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {t('form.planTerms')}
        </legend>
        {field(
          'planInterestMode',
          t('form.planInterestMode'),
          <select {...props('planInterestMode')} defaultValue={values.planInterestMode ?? 'FROZEN'}>
            {PLAN_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`form.planInterestModes.${m}`)}
              </option>
            ))}
          </select>,
          t('form.planInterestModeHint'),
          true,
        )}
        {field(
          'planMaxMonths',
          t('form.planMaxMonths'),
          <input
            type="number"
            min={1}
            max={60}
            step={1}
            {...props('planMaxMonths')}
            defaultValue={values.planMaxMonths ?? '12'}
          />,
          t('form.planMaxMonthsHint'),
        )}
        {field(
          'planMinInstalment',
          t('form.planMinInstalment'),
          <input type="text" inputMode="decimal" {...props('planMinInstalment')} />,
          t('form.planMinInstalmentHint'),
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-60"
        >
          {pending ? t('form.submitting') : t('form.submit')}
        </button>
        {state.message && (
          <p
            role={state.status === 'error' ? 'alert' : 'status'}
            className={`text-sm ${state.status === 'error' ? 'text-rose-700' : 'text-emerald-700'}`}
          >
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
