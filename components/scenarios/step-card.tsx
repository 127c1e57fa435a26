'use client';

import { useTranslations } from 'next-intl';
import { DEFAULT_DEADLINE_DAYS } from '@/lib/scenarios/rules';
import { STEP_CHANNELS, type StepChannel } from '@/lib/scenarios/schemas';
import { DEADLINE_CHANNELS, DEBTOR_KINDS, emptyTemplate, isTemplated, type EditorStep } from './editor-model';
import { TemplateBox } from './template-box';
import { control, fieldError, hint, label, legend, smallButton } from './ui';

interface Props {
  /** DOM id prefix for this step's boxes. */
  id: string;
  index: number;
  count: number;
  step: EditorStep;
  /** J+n of the step on the example file, when the preview could date it. */
  offset: number | null;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (step: EditorStep) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

const LETTER_CHANNELS: readonly StepChannel[] = [
  'SIMPLE_LETTER',
  'REGISTERED_LETTER',
  'FORMAL_NOTICE',
  'PRE_JUDICIAL_WARNING',
];

/** One step of the scenario: its delay, channels, texts, payment deadline and conditions. */
export function StepCard({ id, index, count, step, offset, errors, readOnly, onChange, onMove, onRemove }: Props) {
  const t = useTranslations('scenarios');
  const n = index + 1;
  const path = `steps.${index}`;
  const err = (suffix: string) => errors[`${path}.${suffix}`];

  function input(name: string, suffix: string) {
    const message = err(suffix);
    return {
      id: `${id}-${name}`,
      'aria-invalid': Boolean(message),
      'aria-describedby': message ? `${id}-${name}-msg` : undefined,
      className: control,
    };
  }
  function errorLine(name: string, suffix: string) {
    const message = err(suffix);
    return message ? (
      <p id={`${id}-${name}-msg`} className={fieldError} data-field-error={`${path}.${suffix}`}>
        {message}
      </p>
    ) : null;
  }

  function toggle(channel: StepChannel, on: boolean) {
    const channels = on
      ? STEP_CHANNELS.filter((c) => c === channel || step.channels.includes(c))
      : step.channels.filter((c) => c !== channel);
    const templates = { ...step.templates };
    if (on && isTemplated(channel) && !templates[channel]) templates[channel] = emptyTemplate();
    onChange({ ...step, channels, templates });
  }

  const warns = step.channels.filter((c) => DEADLINE_CHANNELS.includes(c));
  const letters = step.channels.filter((c) => LETTER_CHANNELS.includes(c));
  const hasConditions = Boolean(step.minDue || step.maxDue || step.debtorKind);
  const conditionError = err('conditions.minDueCents') ?? err('conditions.maxDueCents') ?? err('conditions.debtorKind');

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`step-${n}`}>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h3 id={`${id}-title`} className="text-base font-semibold">
          {t('step.title', { n })}
        </h3>
        {offset !== null && (
          <span className="rounded bg-brand-50 px-2 py-0.5 font-mono text-xs text-brand-800">
            {t('step.offset', { days: offset })}
          </span>
        )}
        {!readOnly && (
          <div className="ml-auto flex gap-1">
            <button
              type="button"
              id={`${id}-up`}
              className={smallButton}
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={t('step.moveUp', { n })}
            >
              ↑ {t('step.up')}
            </button>
            <button
              type="button"
              id={`${id}-down`}
              className={smallButton}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={t('step.moveDown', { n })}
            >
              ↓ {t('step.down')}
            </button>
            <button
              type="button"
              className={`${smallButton} text-rose-700`}
              disabled={count === 1}
              onClick={onRemove}
              aria-label={t('step.remove', { n })}
            >
              ✕ {t('step.delete')}
            </button>
          </div>
        )}
      </div>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className={`${legend} mb-1`}>{t('step.delay')}</legend>
        <div>
          <label htmlFor={`${id}-days`} className={label}>
            {t('step.days')}
          </label>
          <input
            type="number"
            min={0}
            max={365}
            step={1}
            inputMode="numeric"
            value={step.days}
            onChange={(e) => onChange({ ...step, days: e.target.value })}
            {...input('days', 'delay.days')}
          />
          {errorLine('days', 'delay.days')}
        </div>
        <div>
          <label htmlFor={`${id}-kind`} className={label}>
            {t('step.kind')}
          </label>
          <select
            value={step.kind}
            onChange={(e) => onChange({ ...step, kind: e.target.value as EditorStep['kind'] })}
            {...input('kind', 'delay.kind')}
          >
            <option value="CALENDAR">{t('kinds.CALENDAR')}</option>
            <option value="WORKING">{t('kinds.WORKING')}</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-from`} className={label}>
            {t('step.from')}
          </label>
          <select
            value={step.from}
            onChange={(e) => onChange({ ...step, from: e.target.value as EditorStep['from'] })}
            {...input('from', 'delay.from')}
          >
            <option value="PREVIOUS_STEP">{index === 0 ? t('froms.START') : t('froms.PREVIOUS_STEP')}</option>
            <option value="PLACEMENT">{t('froms.PLACEMENT')}</option>
            <option value="LETTER_POSTED">{t('froms.LETTER_POSTED')}</option>
          </select>
        </div>
      </fieldset>

      <fieldset
        className="mt-4"
        aria-invalid={Boolean(err('channels'))}
        aria-describedby={err('channels') ? `${id}-channels-msg` : undefined}
      >
        <legend className={`${legend} mb-1`}>{t('step.channels')}</legend>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {STEP_CHANNELS.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={step.channels.includes(c)}
                onChange={(e) => toggle(c, e.target.checked)}
                className="h-4 w-4 rounded border-slate-300"
              />
              {t(`channels.${c}`)}
            </label>
          ))}
        </div>
        {errorLine('channels', 'channels')}
      </fieldset>

      {letters.length > 0 && <p className={`${hint} mt-3`}>{t('step.lettersNote')}</p>}

      <div className="mt-3 space-y-3">
        {step.channels.filter(isTemplated).map((c) => (
          <TemplateBox
            key={c}
            id={`${id}-${c}`}
            path={`${path}.templates.${c}`}
            channel={c}
            template={step.templates[c] ?? emptyTemplate()}
            onChange={(template) => onChange({ ...step, templates: { ...step.templates, [c]: template } })}
            errors={errors}
            readOnly={readOnly}
          />
        ))}
      </div>

      {warns.length > 0 && (
        <div className="mt-3 max-w-xs">
          <label htmlFor={`${id}-deadline`} className={label}>
            {t('step.deadlineDays')}
          </label>
          <input
            type="number"
            min={1}
            max={90}
            step={1}
            inputMode="numeric"
            placeholder={String(
              Math.max(...warns.map((c) => DEFAULT_DEADLINE_DAYS[c as keyof typeof DEFAULT_DEADLINE_DAYS])),
            )}
            value={step.deadlineDays}
            onChange={(e) => onChange({ ...step, deadlineDays: e.target.value })}
            {...input('deadline', 'deadlineDays')}
          />
          {errorLine('deadline', 'deadlineDays') ?? <p className={hint}>{t('step.deadlineHint')}</p>}
        </div>
      )}

      <details className="mt-3" open={hasConditions || Boolean(conditionError)}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          {hasConditions ? t('step.conditionsSet') : t('step.conditions')}
        </summary>
        <p className={hint}>{t('step.conditionsHint')}</p>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor={`${id}-min`} className={label}>
              {t('step.minDue')}
            </label>
            <input
              type="text"
              inputMode="decimal"
              value={step.minDue}
              onChange={(e) => onChange({ ...step, minDue: e.target.value })}
              {...input('min', 'conditions.minDueCents')}
            />
            {errorLine('min', 'conditions.minDueCents')}
          </div>
          <div>
            <label htmlFor={`${id}-max`} className={label}>
              {t('step.maxDue')}
            </label>
            <input
              type="text"
              inputMode="decimal"
              value={step.maxDue}
              onChange={(e) => onChange({ ...step, maxDue: e.target.value })}
              {...input('max', 'conditions.maxDueCents')}
            />
            {errorLine('max', 'conditions.maxDueCents')}
          </div>
          <div>
            <label htmlFor={`${id}-kind-cond`} className={label}>
              {t('step.debtorKind')}
            </label>
            <select
              value={step.debtorKind}
              onChange={(e) => onChange({ ...step, debtorKind: e.target.value as EditorStep['debtorKind'] })}
              {...input('kind-cond', 'conditions.debtorKind')}
            >
              <option value="">{t('step.anyDebtor')}</option>
              {DEBTOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`debtorKinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </details>
    </li>
  );
}
