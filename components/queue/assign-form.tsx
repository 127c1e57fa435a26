'use client';

import { useActionState, useId, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { INITIAL_ASSIGN_STATE, type AssignFormState } from './assignment-state';

const control =
  'mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none aria-invalid:border-rose-500 aria-invalid:bg-rose-50';
const MODES = ['creditor', 'rule', 'files'] as const;
const PHASES = ['INTAKE', 'AMICABLE', 'JUDICIAL'] as const;

interface Props {
  action: (state: AssignFormState, formData: FormData) => Promise<AssignFormState>;
  staff: { id: string; name: string }[];
  creditors: { id: string; name: string }[];
}

/** Give files to a staff member: a creditor's files, the files a rule picks, or a pasted list. */
export function AssignForm({ action, staff, creditors }: Props) {
  const t = useTranslations('queue');
  const tPhase = useTranslations('phase');
  const id = useId();
  const [state, formAction, pending] = useActionState(action, INITIAL_ASSIGN_STATE);
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const [mode, setMode] = useState<string>(values.mode ?? 'creditor');

  function field(name: string, label: string, input: ReactNode, hint?: string) {
    const error = state.status === 'error' ? state.fields?.[name] : undefined;
    return (
      <div>
        <label htmlFor={`${id}-${name}`} className="block text-xs font-medium text-slate-600">
          {label}
        </label>
        {input}
        {error ? (
          <p className="mt-1 text-xs text-rose-700" data-field-error={name}>
            {error}
          </p>
        ) : (
          hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>
        )}
      </div>
    );
  }
  const props = (name: string) => ({
    id: `${id}-${name}`,
    name,
    defaultValue: values[name] ?? '',
    'aria-invalid': state.status === 'error' && Boolean(state.fields?.[name]),
    className: control,
  });

  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" data-testid="assign-form">
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-600">{t('assign.mode')}</legend>
        {MODES.map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`assign.modes.${m}`)}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {field(
          'agentId',
          t('assign.agent'),
          <select {...props('agentId')}>
            <option value="">—</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>,
        )}
        {mode !== 'files' &&
          field(
            'creditorId',
            t('assign.creditor'),
            <select {...props('creditorId')}>
              <option value="">{mode === 'rule' ? t('assign.anyCreditor') : '—'}</option>
              {creditors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>,
          )}
        {mode !== 'files' &&
          field(
            'only',
            t('assign.only'),
            <select {...props('only')}>
              <option value="unassigned">{t('assign.onlyUnassigned')}</option>
              <option value="all">{t('assign.onlyAll')}</option>
            </select>,
          )}
        {mode === 'rule' &&
          field(
            'phase',
            t('assign.phase'),
            <select {...props('phase')}>
              <option value="">{t('assign.anyPhase')}</option>
              {PHASES.map((p) => (
                <option key={p} value={p}>
                  {tPhase(p)}
                </option>
              ))}
            </select>,
          )}
        {mode === 'rule' &&
          field('minAmount', t('assign.minAmount'), <input type="text" inputMode="decimal" {...props('minAmount')} />)}
        {mode === 'rule' &&
          field(
            'maxAmount',
            t('assign.maxAmount'),
            <input type="text" inputMode="decimal" {...props('maxAmount')} />,
            t('assign.amountHint'),
          )}
      </div>
      {mode === 'files' &&
        field('fileIds', t('assign.fileIds'), <textarea rows={3} {...props('fileIds')} />, t('assign.fileIdsHint'))}
      {state.status === 'error' && state.fields?.mode && (
        <p className="text-xs text-rose-700" data-field-error="mode">
          {state.fields.mode}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {pending ? t('assign.submitting') : t('assign.submit')}
        </button>
        {state.message && (
          <p
            role={state.status === 'error' ? 'alert' : 'status'}
            className={state.status === 'error' ? 'text-sm text-rose-700' : 'text-sm text-emerald-800'}
          >
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
