'use client';

import { useId } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { ContactWindowConfig } from '@/lib/compliance/contact-window';
import { holidayOn } from '@/lib/compliance/holidays';
import { toLocale } from '@/lib/i18n/locales';
import {
  previewTimeline,
  type PreviewFile,
  type PreviewStep,
  type PreviewStepInput,
} from '@/lib/scenario-design/preview';
import { centsOrRaw, DEBTOR_KINDS } from './editor-model';
import { control, heading, label } from './ui';
import { formatTime, formatWeekday } from '@/lib/i18n/format';

/** The example file as typed: the amount stays text so a half-typed amount does not jump. */
export interface ExampleFile {
  placedOn: string;
  amount: string;
  debtorKind: PreviewFile['debtorKind'];
  locale: PreviewFile['locale'];
}

export function exampleFile(today: string): ExampleFile {
  return { placedOn: today, amount: '1250', debtorKind: 'PERSON', locale: 'fr' };
}

/** The preview of the steps on the example, or null while the example is not a real day and amount. */
export function timelineFor(
  steps: PreviewStepInput[],
  example: ExampleFile,
  calendar: ContactWindowConfig,
): PreviewStep[] | null {
  const cents = centsOrRaw(example.amount);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(example.placedOn) || typeof cents !== 'number') return null;
  try {
    return previewTimeline(
      steps,
      { placedOn: example.placedOn, dueCents: cents, debtorKind: example.debtorKind, locale: example.locale },
      calendar,
    );
  } catch {
    // A day the calendar refuses (year 0001, 31 February typed by hand) shows the "check the example" note.
    return null;
  }
}

interface Props {
  timeline: PreviewStep[] | null;
  example: ExampleFile;
  onExample: (example: ExampleFile) => void;
  calendar: ContactWindowConfig;
}

/** The steps dated on an example file the manager sets: a drawn timeline, then the same as a list. */
export function PreviewPanel({ timeline, example, onExample, calendar }: Props) {
  const t = useTranslations('scenarios');
  const locale = toLocale(useLocale());
  const id = useId();
  const set = (patch: Partial<ExampleFile>) => onExample({ ...example, ...patch });
  const amountOk = typeof centsOrRaw(example.amount) === 'number';

  const day = (d: string, long = false) => formatWeekday(d, locale, long);
  const time = (iso: string) => formatTime(iso, locale, calendar.timeZone);

  const dated = (timeline ?? []).filter((s): s is Extract<PreviewStep, { valid: true }> => s.valid);
  const span = Math.max(1, ...dated.map((s) => s.offset));

  function skippedText(s: Extract<PreviewStep, { valid: true }>) {
    return s.skipped
      .map((d) => {
        if (d.reason === 'HOLIDAY') {
          const h = holidayOn(d.day, { region: calendar.holidayRegion });
          return `${locale === 'fr' ? h?.nameFr : h?.nameEn} (${day(d.day)})`;
        }
        return `${t(`preview.skip.${d.reason}`)} (${day(d.day)})`;
      })
      .join(', ');
  }

  return (
    <section aria-labelledby={`${id}-title`} data-testid="scenario-preview">
      <h2 id={`${id}-title`} className={heading}>
        {t('preview.title')}
      </h2>
      <p className="mb-3 text-xs text-slate-600">{t('preview.intro', { timeZone: calendar.timeZone })}</p>
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="sr-only">{t('preview.example')}</legend>
        <div>
          <label htmlFor={`${id}-placed`} className={label}>
            {t('preview.placedOn')}
          </label>
          <input
            id={`${id}-placed`}
            type="date"
            value={example.placedOn}
            onChange={(e) => set({ placedOn: e.target.value })}
            className={control}
          />
        </div>
        <div>
          <label htmlFor={`${id}-amount`} className={label}>
            {t('preview.amount')}
          </label>
          <input
            id={`${id}-amount`}
            type="text"
            inputMode="decimal"
            value={example.amount}
            onChange={(e) => set({ amount: e.target.value })}
            aria-invalid={!amountOk}
            className={control}
          />
        </div>
        <div>
          <label htmlFor={`${id}-kind`} className={label}>
            {t('preview.debtorKind')}
          </label>
          <select
            id={`${id}-kind`}
            value={example.debtorKind}
            onChange={(e) => set({ debtorKind: e.target.value as PreviewFile['debtorKind'] })}
            className={control}
          >
            {DEBTOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`debtorKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-lang`} className={label}>
            {t('preview.language')}
          </label>
          <select
            id={`${id}-lang`}
            value={example.locale}
            onChange={(e) => set({ locale: e.target.value as PreviewFile['locale'] })}
            className={control}
          >
            <option value="fr">{t('template.language.fr')}</option>
            <option value="en">{t('template.language.en')}</option>
          </select>
        </div>
      </fieldset>

      {timeline === null ? (
        <p role="status" className="mt-4 text-sm text-amber-800">
          {t('preview.badExample')}
        </p>
      ) : (
        <>
          <div className="relative mt-6 mb-8 h-8" aria-hidden="true" data-testid="preview-axis">
            <div className="absolute top-3 right-2 left-2 h-0.5 bg-slate-300" />
            {dated.map((s) => (
              <div
                key={s.index}
                className="absolute top-0 -translate-x-1/2 text-center"
                style={{ left: `calc(0.5rem + (100% - 1rem) * ${s.offset / span})` }}
              >
                <div
                  className={`mx-auto h-6 w-6 rounded-full border-2 text-[10px] leading-5 font-semibold ${
                    s.applies ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-400 bg-white text-slate-500'
                  }`}
                >
                  {s.index + 1}
                </div>
                <div className="mt-0.5 font-mono text-[10px] whitespace-nowrap text-slate-500">J+{s.offset}</div>
              </div>
            ))}
          </div>
          <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid="preview-steps">
            {timeline.map((s) =>
              s.valid ? (
                <li
                  key={s.index}
                  className={s.applies ? '' : 'text-slate-500'}
                  data-testid={`preview-step-${s.index + 1}`}
                >
                  <p className="text-sm font-medium">
                    {t('preview.stepLine', { n: s.index + 1, offset: s.offset, date: day(s.runsOn, true) })}
                  </p>
                  <p className="text-xs">
                    {s.channels
                      .map(
                        (c) =>
                          t(`channels.${c.channel}`) +
                          (c.templateLocale === 'en' ? ` (${t('template.language.en')})` : ''),
                      )
                      .join(' + ')}
                    {s.channels.some((c) => c.contact && c.contact !== 'LETTER') && (
                      <> · {t('preview.from', { time: time(s.runsAt) })}</>
                    )}
                  </p>
                  {s.skipped.length > 0 && (
                    <p className="text-xs text-amber-800">
                      {t('preview.moved', { due: day(s.dueOn), reasons: skippedText(s) })}
                    </p>
                  )}
                  {!s.applies && (
                    <p className="text-xs">
                      {t('preview.notApplied', {
                        reasons: s.unmet.map((u) => t(`preview.unmet.${u}`)).join(', '),
                      })}
                    </p>
                  )}
                  {s.deadlineOn && (
                    <p className="text-xs">{t('preview.deadline', { date: day(s.deadlineOn, true) })}</p>
                  )}
                </li>
              ) : (
                <li key={s.index} className="text-sm text-rose-700" data-testid={`preview-step-${s.index + 1}`}>
                  {t('preview.invalid', { n: s.index + 1 })}
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </section>
  );
}
