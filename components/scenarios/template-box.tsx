'use client';

import { useRef } from 'react';
import { useTranslations } from 'next-intl';
import { templateProblems } from '@/lib/scenario-design/template-check';
import { MAX_SMS_SEGMENTS, smsSegments } from '@/lib/sms/segments';
import { TEMPLATE_VARIABLES, type ScenarioLocale, type TemplatedChannel } from '@/lib/scenarios/schemas';
import type { EditorTemplate, EditorText } from './editor-model';
import { control, fieldError, hint, label, legend, smallButton } from './ui';

interface Props {
  /** DOM id prefix, unique for this step and channel. */
  id: string;
  path: string;
  channel: TemplatedChannel;
  template: EditorTemplate;
  onChange: (template: EditorTemplate) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}

/** The French and English texts of one channel of a step, with the placeholders a manager may insert. */
export function TemplateBox({ id, path, channel, template, onChange, errors, readOnly }: Props) {
  const t = useTranslations('scenarios');
  const bodies = useRef<Partial<Record<ScenarioLocale, HTMLTextAreaElement | null>>>({});
  const missing = errors[path];

  function set(locale: ScenarioLocale, part: keyof EditorText, value: string) {
    onChange({ ...template, [locale]: { ...template[locale], [part]: value } });
  }

  // Inserts at the caret, then puts the caret after the placeholder, so typing goes on where it was.
  function insert(locale: ScenarioLocale, variable: string) {
    const el = bodies.current[locale];
    const text = template[locale].body;
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    const token = `{{${variable}}}`;
    set(locale, 'body', text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(at + token.length, at + token.length);
    });
  }

  return (
    <fieldset className="rounded border border-slate-200 p-3" data-testid={`template-${channel}`}>
      <legend className={`${legend} px-1`}>{t('template.legend', { channel: t(`channels.${channel}`) })}</legend>
      {missing && (
        <p className={fieldError} data-field-error={path}>
          {missing}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        {(['fr', 'en'] as const).map((locale) => {
          const subjectPath = `${path}.${locale}.subject`;
          const bodyPath = `${path}.${locale}.body`;
          const live = templateProblems(`${template[locale].subject}\n${template[locale].body}`);
          const bodyError = errors[bodyPath];
          const subjectError = errors[subjectPath];
          const sms = smsSegments(template[locale].body);
          return (
            <div key={locale} className="space-y-2">
              <p className="text-xs font-semibold text-slate-700">
                {t(`template.language.${locale}`)}{' '}
                <span className="font-normal text-slate-500">
                  {locale === 'fr' ? t('template.required') : t('template.optional')}
                </span>
              </p>
              {channel === 'EMAIL' && (
                <div>
                  <label htmlFor={`${id}-${locale}-subject`} className={label}>
                    {t('template.subject', { language: t(`template.language.${locale}`) })}
                  </label>
                  <input
                    id={`${id}-${locale}-subject`}
                    type="text"
                    maxLength={200}
                    value={template[locale].subject}
                    onChange={(e) => set(locale, 'subject', e.target.value)}
                    aria-invalid={Boolean(subjectError)}
                    aria-describedby={subjectError ? `${id}-${locale}-subject-msg` : undefined}
                    className={control}
                  />
                  {subjectError && (
                    <p id={`${id}-${locale}-subject-msg`} className={fieldError} data-field-error={subjectPath}>
                      {subjectError}
                    </p>
                  )}
                </div>
              )}
              <div>
                <label htmlFor={`${id}-${locale}-body`} className={label}>
                  {t(channel === 'CALL_TASK' || channel === 'VISIT_TASK' ? 'template.note' : 'template.body', {
                    language: t(`template.language.${locale}`),
                  })}
                </label>
                <textarea
                  id={`${id}-${locale}-body`}
                  ref={(el) => {
                    bodies.current[locale] = el;
                  }}
                  rows={channel === 'EMAIL' ? 5 : 3}
                  value={template[locale].body}
                  onChange={(e) => set(locale, 'body', e.target.value)}
                  aria-invalid={Boolean(bodyError) || live.length > 0}
                  aria-describedby={`${id}-${locale}-body-msg`}
                  className={`${control} font-mono text-xs`}
                />
                <div id={`${id}-${locale}-body-msg`} aria-live="polite">
                  {bodyError ? (
                    <p className={fieldError} data-field-error={bodyPath}>
                      {bodyError}
                    </p>
                  ) : live.length > 0 ? (
                    <p className={fieldError}>
                      {live[0]!.kind === 'UNKNOWN'
                        ? t('template.unknown', { token: (live[0] as { token: string }).token })
                        : t('errors.unclosedPlaceholder')}
                    </p>
                  ) : channel === 'SMS' ? (
                    <p className={hint}>
                      {t('template.smsLength', {
                        count: sms.units,
                        segments: sms.segments,
                        max: MAX_SMS_SEGMENTS,
                        encoding: sms.encoding,
                      })}
                    </p>
                  ) : null}
                </div>
              </div>
              {!readOnly && (
                <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t('template.insert')}>
                  <span className="text-xs text-slate-500">{t('template.insert')}</span>
                  {TEMPLATE_VARIABLES.map((v) => (
                    <button
                      key={v}
                      type="button"
                      className={`${smallButton} font-mono`}
                      title={t(`variables.${v}`)}
                      aria-label={t('template.insertOne', {
                        variable: t(`variables.${v}`),
                        language: t(`template.language.${locale}`),
                      })}
                      onClick={() => insert(locale, v)}
                    >
                      {`{{${v}}}`}
                    </button>
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
