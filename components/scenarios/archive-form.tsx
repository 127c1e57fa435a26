'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { INITIAL_SCENARIO_STATE, type ScenarioActionState } from './form-state';

interface Props {
  scenarioId: string;
  runningFiles: number;
  action: (state: ScenarioActionState, formData: FormData) => Promise<ScenarioActionState>;
}

/** Retire a scenario, behind a disclosure so it is never one stray click away. */
export function ArchiveForm({ scenarioId, runningFiles, action }: Props) {
  const t = useTranslations('scenarios');
  const [state, formAction, pending] = useActionState(action, INITIAL_SCENARIO_STATE);
  return (
    <details className="text-sm" data-testid="archive-scenario">
      <summary className="cursor-pointer font-medium text-rose-700">{t('archive.open')}</summary>
      <form action={formAction} className="mt-2 space-y-2">
        <input type="hidden" name="scenarioId" value={scenarioId} />
        <p className="max-w-3xl text-slate-600">{t('archive.explain', { count: runningFiles })}</p>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-rose-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-rose-600 focus:ring-2 focus:ring-rose-600 focus:ring-offset-2 focus:outline-none disabled:opacity-60"
        >
          {t('archive.confirm')}
        </button>
        {state.status === 'error' && state.message && (
          <p role="alert" className="text-rose-700">
            {state.message}
          </p>
        )}
      </form>
    </details>
  );
}
