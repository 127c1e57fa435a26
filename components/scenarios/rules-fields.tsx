'use client';

import { useTranslations } from 'next-intl';
import { DEBTOR_KINDS, LOCALES, NATURES, SOLVENCIES, type EditorRules } from './editor-model';
import { control, fieldError, hint, label, legend } from './ui';

interface Props {
  id: string;
  rules: EditorRules;
  creditors: { id: string; name: string }[];
  errors: Record<string, string>;
  onChange: (rules: EditorRules) => void;
}

type ListKey = 'debtorKinds' | 'natures' | 'creditorIds' | 'solvency' | 'locales';

/** Which files the version takes when they are placed: every criterion left empty matches every file. */
export function RulesFields({ id, rules, creditors, errors, onChange }: Props) {
  const t = useTranslations('scenarios');

  function checks(key: ListKey, options: readonly { value: string; text: string }[], title: string, columns = '') {
    const message = errors[`rules.${key}`];
    return (
      <fieldset aria-describedby={message ? `${id}-${key}-msg` : `${id}-${key}-hint`}>
        <legend className={legend}>{title}</legend>
        <div className={`mt-1 grid gap-x-4 gap-y-1 ${columns}`}>
          {options.map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4 rounded border-slate-300"
                checked={rules[key].includes(o.value)}
                onChange={(e) =>
                  onChange({
                    ...rules,
                    [key]: e.target.checked ? [...rules[key], o.value] : rules[key].filter((v) => v !== o.value),
                  })
                }
              />
              {o.text}
            </label>
          ))}
        </div>
        {message ? (
          <p id={`${id}-${key}-msg`} className={fieldError} data-field-error={`rules.${key}`}>
            {message}
          </p>
        ) : (
          <p id={`${id}-${key}-hint`} className={hint}>
            {t('rules.anyHint')}
          </p>
        )}
      </fieldset>
    );
  }

  function amount(name: 'minDue' | 'maxDue', field: 'minDueCents' | 'maxDueCents') {
    const message = errors[`rules.${field}`];
    return (
      <div>
        <label htmlFor={`${id}-${name}`} className={label}>
          {t(`rules.${name}`)}
        </label>
        <input
          id={`${id}-${name}`}
          type="text"
          inputMode="decimal"
          value={rules[name]}
          onChange={(e) => onChange({ ...rules, [name]: e.target.value })}
          aria-invalid={Boolean(message)}
          aria-describedby={message ? `${id}-${name}-msg` : undefined}
          className={control}
        />
        {message && (
          <p id={`${id}-${name}-msg`} className={fieldError} data-field-error={`rules.${field}`}>
            {message}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className={legend}>{t('rules.tier')}</legend>
        <div className="mt-1 grid gap-3 sm:grid-cols-2">
          {amount('minDue', 'minDueCents')}
          {amount('maxDue', 'maxDueCents')}
        </div>
        <p className={hint}>{t('rules.tierHint')}</p>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        {checks(
          'debtorKinds',
          DEBTOR_KINDS.map((k) => ({ value: k, text: t(`debtorKinds.${k}`) })),
          t('rules.debtorKinds'),
        )}
        {checks(
          'natures',
          NATURES.map((k) => ({ value: k, text: t(`natures.${k}`) })),
          t('rules.natures'),
        )}
        {checks(
          'solvency',
          SOLVENCIES.map((k) => ({ value: k, text: t(`solvency.${k}`) })),
          t('rules.solvency'),
        )}
        {checks(
          'locales',
          LOCALES.map((k) => ({ value: k, text: t(`template.language.${k}`) })),
          t('rules.locales'),
        )}
      </div>
      {checks(
        'creditorIds',
        creditors.map((c) => ({ value: c.id, text: c.name })),
        t('rules.creditors'),
        'sm:grid-cols-2 lg:grid-cols-3',
      )}
    </div>
  );
}
