'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ChannelCostsFormState } from './channel-costs-state';

interface Props {
  action: (state: ChannelCostsFormState, formData: FormData) => Promise<ChannelCostsFormState>;
  locale: 'fr' | 'en';
  /** Each costed channel: its label, the amount in force (as typed in this locale) and the default, formatted. */
  channels: { channel: string; label: string; value: string; defaultText: string }[];
}

const field = 'w-28 rounded border bg-white px-2 py-1.5 text-right text-sm tabular-nums';

/** One euro amount per channel, saved together. */
export function ChannelCostsForm({ action, locale, channels }: Props) {
  const t = useTranslations('dashboard.costs');
  const [state, formAction, pending] = useActionState(action, {
    status: 'idle',
    seq: 0,
    invalid: [],
    values: Object.fromEntries(channels.map((c) => [c.channel, c.value])),
  });
  const invalid = new Set(state.invalid);
  return (
    <form action={formAction} className="space-y-4" data-testid="costs-form" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {state.status === 'error' && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {t('refused', {
            fields: channels
              .filter((c) => invalid.has(c.channel))
              .map((c) => c.label)
              .join(', '),
          })}
        </p>
      )}
      {state.status === 'saved' && (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('saved')}
        </p>
      )}
      <table className="w-full max-w-2xl text-sm">
        <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              {t('channel')}
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              {t('unitCost')}
            </th>
            <th scope="col" className="py-2 font-medium">
              {t('default')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {channels.map((c) => {
            const bad = invalid.has(c.channel);
            return (
              <tr key={c.channel}>
                <td className="py-1.5 pr-4">
                  <label htmlFor={`cost-${c.channel}`}>{c.label}</label>
                </td>
                <td className="py-1.5 pr-4 text-right">
                  <span className="inline-flex items-center gap-1">
                    <input
                      key={`${c.channel}-${state.seq}`}
                      id={`cost-${c.channel}`}
                      name={c.channel}
                      inputMode="decimal"
                      required
                      defaultValue={state.values[c.channel] ?? ''}
                      aria-invalid={bad || undefined}
                      aria-describedby={bad ? `cost-${c.channel}-error` : undefined}
                      className={`${field} ${bad ? 'border-rose-500' : 'border-slate-300'}`}
                    />
                    <span className="text-slate-500">€</span>
                  </span>
                  {bad && (
                    <p id={`cost-${c.channel}-error`} className="mt-1 text-xs text-rose-700">
                      {t('invalid')}
                    </p>
                  )}
                </td>
                <td className="py-1.5 text-slate-500 tabular-nums">{c.defaultText}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {t('save')}
      </button>
    </form>
  );
}
