'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { INITIAL_REBALANCE_STATE, type RebalanceFormState } from './assignment-state';

interface Props {
  action: (state: RebalanceFormState, formData: FormData) => Promise<RebalanceFormState>;
  staff: { id: string; name: string; files: number }[];
}

const secondary = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60';
const primary =
  'rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60';

/** Choose staff members, preview the moves that even out their load, then apply them. */
export function RebalanceForm({ action, staff }: Props) {
  const t = useTranslations('queue.rebalance');
  const [state, formAction, pending] = useActionState(action, INITIAL_REBALANCE_STATE);
  const chosen = new Set(state.agentIds);
  const view = state.view;
  return (
    <form action={formAction} className="space-y-4" data-testid="rebalance-form">
      <fieldset className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-600">{t('agents')}</legend>
        {staff.map((s) => (
          <label key={`${s.id}-${state.seq}`} className="flex items-center gap-2">
            <input type="checkbox" name="agentIds" value={s.id} defaultChecked={chosen.has(s.id)} />
            {s.name} <span className="text-xs text-slate-500">({t('files', { count: s.files })})</span>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" name="intent" value="preview" disabled={pending} className={secondary}>
          {t('preview')}
        </button>
        {state.status === 'preview' && view && view.total > 0 && (
          <button type="submit" name="intent" value="apply" disabled={pending} className={primary}>
            {t('apply', { count: view.total })}
          </button>
        )}
        {state.message && (
          <p
            role={state.status === 'error' ? 'alert' : 'status'}
            className={state.status === 'error' ? 'text-sm text-rose-700' : 'text-sm text-slate-700'}
          >
            {state.message}
          </p>
        )}
      </div>
      {view && (
        <div className="grid gap-4 lg:grid-cols-2">
          <table className="w-full text-sm" data-testid="rebalance-loads">
            <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4 font-medium">{t('agent')}</th>
                <th className="py-2 pr-4 text-right font-medium">{t('before')}</th>
                <th className="py-2 text-right font-medium">{state.status === 'applied' ? t('now') : t('after')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.loads.map((l) => (
                <tr key={l.name}>
                  <td className="py-1.5 pr-4">{l.name}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">
                    {l.before} <span className="text-xs text-slate-500">({l.filesBefore})</span>
                  </td>
                  <td className="py-1.5 text-right tabular-nums">
                    {l.after} <span className="text-xs text-slate-500">({l.filesAfter})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.moves.length > 0 && (
            <div>
              <table className="w-full text-sm" data-testid="rebalance-moves">
                <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th className="py-2 pr-4 font-medium">{t('file')}</th>
                    <th className="py-2 pr-4 font-medium">{t('move')}</th>
                    <th className="py-2 text-right font-medium">{t('amount')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {view.moves.map((m) => (
                    <tr key={m.reference}>
                      <td className="py-1.5 pr-4 font-mono text-xs">{m.reference}</td>
                      <td className="py-1.5 pr-4">
                        {m.from} → {m.to}
                      </td>
                      <td className="py-1.5 text-right tabular-nums">{m.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {view.total > view.moves.length && (
                <p className="mt-2 text-xs text-slate-500">{t('more', { count: view.total - view.moves.length })}</p>
              )}
            </div>
          )}
        </div>
      )}
    </form>
  );
}
