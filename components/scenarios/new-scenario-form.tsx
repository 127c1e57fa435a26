'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import { INITIAL_SCENARIO_STATE, type ScenarioActionState } from './form-state';
import { control, fieldError, hint, label, primaryButton } from './ui';

interface Props {
  action: (state: ScenarioActionState, formData: FormData) => Promise<ScenarioActionState>;
}

/** Name a new scenario; it opens in the editor with a first draft (a letter on placement day). */
export function NewScenarioForm({ action }: Props) {
  const t = useTranslations('scenarios');
  const id = useId();
  const [state, formAction, pending] = useActionState(action, INITIAL_SCENARIO_STATE);
  const nameError = state.status === 'error' ? state.fields?.name : undefined;
  const descriptionError = state.status === 'error' ? state.fields?.description : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3" data-testid="new-scenario-form">
      <div className="grid gap-4 sm:grid-cols-[1fr_2fr]">
        <div>
          <label htmlFor={`${id}-name`} className={label}>
            {t('editor.name')}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            type="text"
            maxLength={120}
            aria-invalid={Boolean(nameError)}
            aria-describedby={`${id}-name-msg`}
            className={control}
          />
          <p
            id={`${id}-name-msg`}
            className={nameError ? fieldError : hint}
            data-field-error={nameError ? 'name' : undefined}
          >
            {nameError ?? t('create.nameHint')}
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-description`} className={label}>
            {t('editor.description')}
          </label>
          <input
            id={`${id}-description`}
            name="description"
            type="text"
            maxLength={1000}
            aria-invalid={Boolean(descriptionError)}
            className={control}
          />
          {descriptionError && <p className={fieldError}>{descriptionError}</p>}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? t('create.submitting') : t('create.submit')}
        </button>
        {state.status === 'error' && state.message && (
          <p role="alert" className="text-sm text-rose-700">
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
