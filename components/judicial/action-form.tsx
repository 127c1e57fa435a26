'use client';

import { useActionState, type ReactNode } from 'react';
import { INITIAL_JUDICIAL_STATE, type JudicialActionState } from '@/app/actions/judicial-state';

interface Props {
  action: (state: JudicialActionState, formData: FormData) => Promise<JudicialActionState>;
  /** The form's hidden ids and fields, drawn by the server page. */
  children: ReactNode;
  submit: string;
  testId: string;
  tone?: 'primary' | 'neutral';
}

/** A decision's form: submits to its server action and says, in the reader's language, what came of it. */
export function ActionForm({ action, children, submit, testId, tone = 'primary' }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_JUDICIAL_STATE);
  const fieldMessages = Object.values(state.fields ?? {});
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2 text-sm" data-testid={testId}>
      {children}
      <button
        type="submit"
        disabled={pending}
        className={
          tone === 'primary'
            ? 'rounded bg-slate-900 px-3 py-1.5 text-white disabled:opacity-50'
            : 'rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-800 disabled:opacity-50'
        }
      >
        {submit}
      </button>
      {state.status === 'done' && state.message && (
        <p role="status" className="w-full text-emerald-700">
          {state.message}
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="w-full text-rose-700">
          {[state.message, ...fieldMessages].filter(Boolean).join(' ')}
        </p>
      )}
    </form>
  );
}
