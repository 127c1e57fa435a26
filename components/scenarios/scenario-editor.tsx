'use client';

import { useActionState, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ContactWindowConfig } from '@/lib/compliance/contact-window';
import { draftInput, emptyStep, previewSteps, type EditorState, type EditorStep } from './editor-model';
import { placeErrors } from './field-errors';
import { INITIAL_SCENARIO_STATE, type ScenarioActionState } from './form-state';
import { exampleFile, PreviewPanel, timelineFor, type ExampleFile } from './preview-panel';
import { RulesFields } from './rules-fields';
import { StepCard } from './step-card';
import { card, control, fieldError, heading, hint, label, primaryButton, secondaryButton } from './ui';

type Action = (state: ScenarioActionState, formData: FormData) => Promise<ScenarioActionState>;

interface Props {
  scenarioId: string;
  versionId: string;
  revision: number;
  /** The version shown, and whether it is published (then saving opens version `nextVersion` as a draft). */
  version: number;
  published: boolean;
  nextVersion: number;
  /** An older version, or an archived scenario: shown, never saved. */
  readOnly: boolean;
  initial: EditorState;
  creditors: { id: string; name: string }[];
  calendar: ContactWindowConfig;
  today: string;
  saveAction: Action;
  publishAction: Action;
}

const MAX_STEPS = 30;

/** The scenario designer: steps, assignment rules and a live preview; saves drafts and publishes them. */
export function ScenarioEditor(props: Props) {
  const { scenarioId, versionId, revision, version, published, nextVersion, readOnly, initial } = props;
  const t = useTranslations('scenarios');
  const id = useId();
  const [state, setState] = useState<EditorState>(initial);
  const [saveState, saveFormAction, saving] = useActionState(props.saveAction, INITIAL_SCENARIO_STATE);
  const [publishState, publishFormAction, publishing] = useActionState(props.publishAction, INITIAL_SCENARIO_STATE);
  const [announce, setAnnounce] = useState('');
  // Where the keyboard goes after the render a move, removal or addition causes.
  const focusTarget = useRef<string | null>(null);
  // Messages belong to the step positions they were given for: moving or removing a step hides them.
  const [errorsSeq, setErrorsSeq] = useState(-1);
  const alertRef = useRef<HTMLDivElement>(null);

  const payload = useMemo(() => JSON.stringify(draftInput(state)), [state]);
  const initialPayload = useMemo(() => JSON.stringify(draftInput(initial)), [initial]);
  const dirty = payload !== initialPayload;
  const preview = useMemo(() => previewSteps(state), [state]);
  const [example, setExample] = useState<ExampleFile>(() => exampleFile(props.today));
  const timeline = useMemo(() => timelineFor(preview, example, props.calendar), [preview, example, props.calendar]);
  const offsets = timeline?.map((s) => (s.valid ? s.offset : null)) ?? [];

  const showErrors = saveState.status === 'error' && errorsSeq !== saveState.seq;
  const { byBox, others } = placeErrors(showErrors ? saveState.fields : undefined);

  useEffect(() => {
    if (saveState.status === 'error') alertRef.current?.focus();
  }, [saveState]);
  useEffect(() => {
    if (!focusTarget.current) return;
    document.getElementById(focusTarget.current)?.focus();
    focusTarget.current = null;
  });

  const setFocus = (target: string) => {
    focusTarget.current = target;
  };
  const setSteps = (steps: EditorStep[]) => setState((s) => ({ ...s, steps }));
  function move(index: number, delta: -1 | 1) {
    const to = index + delta;
    const steps = [...state.steps];
    [steps[index], steps[to]] = [steps[to]!, steps[index]!];
    setSteps(steps);
    setErrorsSeq(saveState.seq);
    setAnnounce(t('step.moved', { from: index + 1, to: to + 1 }));
    // Keep the keyboard on the same button, now on the step's new position (or its twin if that one is disabled).
    const edge = (delta === -1 && to === 0) || (delta === 1 && to === steps.length - 1);
    setFocus(`${id}-step${to}-${delta === -1 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down'}`);
  }
  function remove(index: number) {
    setSteps(state.steps.filter((_, i) => i !== index));
    setErrorsSeq(saveState.seq);
    setAnnounce(t('step.removed', { n: index + 1 }));
    setFocus(`${id}-add`);
  }
  function add() {
    setSteps([...state.steps, emptyStep()]);
    setAnnounce(t('step.added', { n: state.steps.length + 1 }));
    setFocus(`${id}-step${state.steps.length}-days`);
  }

  const nameError = byBox.name;
  const priorityError = byBox.priority;
  const descriptionError = byBox.description;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-4">
        <form action={saveFormAction} noValidate className="space-y-4" data-testid="scenario-form">
          <input type="hidden" name="scenarioId" value={scenarioId} />
          <input type="hidden" name="versionId" value={versionId} />
          <input type="hidden" name="revision" value={revision} />
          <input type="hidden" name="payload" value={payload} />
          {showErrors && saveState.message && (
            <div
              ref={alertRef}
              tabIndex={-1}
              role="alert"
              className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800"
            >
              <p>{saveState.message}</p>
              {others.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {others.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <fieldset disabled={readOnly} className="space-y-4">
            <section className={card} aria-labelledby={`${id}-general`}>
              <h2 id={`${id}-general`} className={heading}>
                {t('editor.general')}
              </h2>
              <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
                <div>
                  <label htmlFor={`${id}-name`} className={label}>
                    {t('editor.name')}
                  </label>
                  <input
                    id={`${id}-name`}
                    type="text"
                    maxLength={120}
                    value={state.name}
                    onChange={(e) => setState({ ...state, name: e.target.value })}
                    aria-invalid={Boolean(nameError)}
                    aria-describedby={nameError ? `${id}-name-msg` : undefined}
                    className={control}
                  />
                  {nameError && (
                    <p id={`${id}-name-msg`} className={fieldError} data-field-error="name">
                      {nameError}
                    </p>
                  )}
                </div>
                <div>
                  <label htmlFor={`${id}-priority`} className={label}>
                    {t('editor.priority')}
                  </label>
                  <input
                    id={`${id}-priority`}
                    type="number"
                    min={0}
                    max={100}
                    step={1}
                    inputMode="numeric"
                    value={state.priority}
                    onChange={(e) => setState({ ...state, priority: e.target.value })}
                    aria-invalid={Boolean(priorityError)}
                    aria-describedby={`${id}-priority-msg`}
                    className={control}
                  />
                  <p
                    id={`${id}-priority-msg`}
                    className={priorityError ? fieldError : hint}
                    data-field-error={priorityError ? 'priority' : undefined}
                  >
                    {priorityError ?? t('editor.priorityHint')}
                  </p>
                </div>
                <div className="sm:col-span-2">
                  <label htmlFor={`${id}-description`} className={label}>
                    {t('editor.description')}
                  </label>
                  <textarea
                    id={`${id}-description`}
                    rows={2}
                    maxLength={1000}
                    value={state.description}
                    onChange={(e) => setState({ ...state, description: e.target.value })}
                    aria-invalid={Boolean(descriptionError)}
                    className={control}
                  />
                  {descriptionError && <p className={fieldError}>{descriptionError}</p>}
                </div>
              </div>
            </section>

            <section aria-labelledby={`${id}-steps`}>
              <h2 id={`${id}-steps`} className={heading}>
                {t('editor.steps', { count: state.steps.length })}
              </h2>
              {byBox.steps && (
                <p className={fieldError} data-field-error="steps">
                  {byBox.steps}
                </p>
              )}
              <ol className="space-y-3">
                {state.steps.map((step, index) => (
                  <StepCard
                    key={step.key}
                    id={`${id}-step${index}`}
                    index={index}
                    count={state.steps.length}
                    step={step}
                    offset={offsets[index] ?? null}
                    errors={byBox}
                    readOnly={readOnly}
                    onChange={(next) => setSteps(state.steps.map((s, i) => (i === index ? next : s)))}
                    onMove={(delta) => move(index, delta)}
                    onRemove={() => remove(index)}
                  />
                ))}
              </ol>
              {!readOnly && (
                <button
                  type="button"
                  id={`${id}-add`}
                  onClick={add}
                  disabled={state.steps.length >= MAX_STEPS}
                  className={`${secondaryButton} mt-3`}
                >
                  + {t('step.add')}
                </button>
              )}
              <p className="sr-only" aria-live="polite">
                {announce}
              </p>
            </section>

            <section className={card} aria-labelledby={`${id}-rules`}>
              <h2 id={`${id}-rules`} className={heading}>
                {t('rules.title')}
              </h2>
              <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('rules.intro')}</p>
              <RulesFields
                id={`${id}-rules`}
                rules={state.rules}
                creditors={props.creditors}
                errors={byBox}
                onChange={(rules) => setState({ ...state, rules })}
              />
            </section>
          </fieldset>
          {!readOnly && (
            <div className="flex flex-wrap items-center gap-4">
              <button type="submit" disabled={saving} className={primaryButton}>
                {saving
                  ? t('editor.saving')
                  : published
                    ? t('editor.saveNew', { version: nextVersion })
                    : t('editor.saveDraft', { version })}
              </button>
              {dirty && <span className="text-sm text-amber-800">{t('editor.unsaved')}</span>}
            </div>
          )}
        </form>

        {!readOnly && !published && (
          <form action={publishFormAction} className={`${card} space-y-2`} data-testid="publish-form">
            <input type="hidden" name="versionId" value={versionId} />
            <input type="hidden" name="revision" value={revision} />
            <p className="text-sm text-slate-700">{t('editor.publishIntro', { version })}</p>
            <div className="flex flex-wrap items-center gap-4">
              <button
                type="submit"
                disabled={publishing || dirty}
                aria-describedby={dirty ? `${id}-publish-hint` : undefined}
                className={primaryButton}
              >
                {publishing ? t('editor.publishing') : t('editor.publish', { version })}
              </button>
              {dirty && (
                <span id={`${id}-publish-hint`} className="text-sm text-slate-600">
                  {t('editor.saveFirst')}
                </span>
              )}
              {publishState.status === 'error' && publishState.message && (
                <div role="alert" className="text-sm text-rose-700">
                  <p>{publishState.message}</p>
                  {Object.values(publishState.fields ?? {}).length > 0 && (
                    <ul className="list-disc pl-5">
                      {Object.entries(publishState.fields ?? {}).map(([path, m]) => (
                        <li key={path}>{m}</li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </div>
          </form>
        )}
      </div>

      <aside className={`${card} self-start lg:sticky lg:top-4`}>
        <PreviewPanel timeline={timeline} example={example} onExample={setExample} calendar={props.calendar} />
      </aside>
    </div>
  );
}
