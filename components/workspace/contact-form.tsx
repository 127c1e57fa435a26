'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { logContactAction } from '@/app/actions/file-actions';
import type { Channel, OutcomeType } from '@/lib/activity/schemas';
import { parseAmountToCents } from '@/lib/money/parse-amount';
import { Choices, Field, FormFrame, useFileForm, type Failure } from './form-kit';
import type { PanelFile } from './types';

const POINT_KIND = { CALL: 'PHONE', EMAIL: 'EMAIL', VISIT: 'ADDRESS', NOTE: null } as const;
const ANSWERED = ['DEBTOR', 'THIRD_PARTY', 'VOICEMAIL', 'NOBODY'] as const;
/** A note records no exchange; a wrong party is only met on the phone. */
const OUTCOMES: Record<Channel, readonly OutcomeType[]> = {
  CALL: ['NONE', 'PROMISE', 'CALLBACK', 'DISPUTE', 'REFUSAL', 'WRONG_PARTY'],
  EMAIL: ['NONE', 'PROMISE', 'CALLBACK', 'DISPUTE', 'REFUSAL'],
  VISIT: ['NONE', 'PROMISE', 'CALLBACK', 'DISPUTE', 'REFUSAL'],
  NOTE: ['NONE'],
};

/** Log a call, an e-mail, a visit or a note; the outcome's own fields appear with it. */
export function ContactForm({
  file,
  channel,
  onDone,
}: {
  file: PanelFile;
  channel: Channel;
  onDone: (notice: string) => void;
}) {
  const t = useTranslations('workspace');
  const tr = useTranslations();
  const router = useRouter();
  const kind = POINT_KIND[channel];
  // Only points the agent may use: confirmed or not yet checked, never wrong, returned or do-not-contact.
  const points = kind
    ? file.workspace.contactPoints.filter((p) => p.kind === kind && (p.status === 'VALID' || p.status === 'UNVERIFIED'))
    : [];
  const form = useFileForm(file.fileId, `contact-${channel}`, {
    contactPointId: points[0]?.id ?? '',
    answeredBy: '',
    duration: '',
    outcome: 'NONE',
    promiseAmount: '',
    promiseDueOn: '',
    callbackAt: '',
    disputeReason: '',
    refusalNote: '',
    note: '',
    stay: false,
  });
  const v = form.values;
  const outcome = v.outcome as OutcomeType;

  function send() {
    const local: Record<string, string> = {};
    let amountCents: number | undefined;
    if (outcome === 'PROMISE' && v.promiseAmount.trim() !== '') {
      const cents = parseAmountToCents(v.promiseAmount);
      if (cents === null || cents <= 0) local['outcome.amountCents'] = t('errors.amountFormat');
      else amountCents = cents;
    }
    let durationSeconds: number | undefined;
    if (channel === 'CALL' && v.duration.trim() !== '') {
      if (!/^\d{1,3}$/.test(v.duration.trim())) local.durationSeconds = t('errors.minutes');
      else durationSeconds = Number(v.duration.trim()) * 60;
    }
    if (Object.keys(local).length > 0) {
      form.setError({ code: 'INVALID', message: '', fields: local });
      return;
    }
    const outcomeInput =
      outcome === 'PROMISE'
        ? { type: outcome, amountCents, dueOn: v.promiseDueOn }
        : outcome === 'CALLBACK'
          ? { type: outcome, at: v.callbackAt }
          : outcome === 'DISPUTE'
            ? { type: outcome, reason: v.disputeReason }
            : outcome === 'REFUSAL'
              ? { type: outcome, note: v.refusalNote }
              : { type: outcome };
    form.submit(
      async () =>
        await logContactAction({
          fileId: file.fileId,
          expectedVersion: file.version,
          channel,
          ...(kind ? { contactPointId: v.contactPointId } : {}),
          ...(channel === 'CALL' ? { answeredBy: v.answeredBy, durationSeconds } : {}),
          note: v.note,
          outcome: outcomeInput,
        }),
      () => {
        form.clear();
        // After an exchange with an outcome, the agent moves on: the next file of the queue opens.
        if (channel !== 'NOTE' && !v.stay && file.hasQueue) {
          onDone(t('saved.contactNext'));
          router.push(`/queue/next?after=${file.fileId}`);
        } else {
          onDone(t(`saved.contact.${channel}`));
        }
      },
    );
  }

  const error: Failure | null = form.error;
  return (
    <FormFrame
      testId={`form-contact-${channel}`}
      onSubmit={send}
      error={error}
      pending={form.pending}
      submitLabel={t(`contact.submit.${channel}`)}
      footer={
        channel !== 'NOTE' && file.hasQueue ? (
          <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-600">
            <input
              type="checkbox"
              checked={v.stay}
              onChange={(e) => form.set({ stay: e.target.checked })}
              className="accent-brand-700"
            />
            {t('contact.stay')}
          </label>
        ) : null
      }
    >
      {kind && (
        <Field
          label={t(`contact.point.${channel}`)}
          name="contactPointId"
          error={error}
          hint={points.length === 0 ? t('contact.noPoint') : undefined}
          wide
        >
          {(p) => (
            <select {...p} value={v.contactPointId} onChange={(e) => form.set({ contactPointId: e.target.value })}>
              {points.length === 0 && <option value="">—</option>}
              {points.map((point) => (
                <option key={point.id} value={point.id}>
                  {point.value}
                  {point.label ? ` (${point.label})` : ''}
                  {point.status === 'UNVERIFIED' ? ` — ${tr('contactStatus.UNVERIFIED')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {channel === 'CALL' && (
        <>
          <Choices
            legend={t('contact.answeredBy')}
            name="answeredBy"
            value={v.answeredBy as (typeof ANSWERED)[number] | ''}
            options={ANSWERED.map((a) => ({ value: a, label: t(`answeredBy.${a}`) }))}
            onChange={(answeredBy) => form.set({ answeredBy })}
            error={error}
          />
          <Field label={t('contact.duration')} name="durationSeconds" error={error}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={v.duration}
                onChange={(e) => form.set({ duration: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
      {channel !== 'NOTE' && (
        <Field label={t('contact.outcome')} name="outcome.type" error={error}>
          {(p) => (
            <select {...p} value={outcome} onChange={(e) => form.set({ outcome: e.target.value })}>
              {OUTCOMES[channel].map((o) => (
                <option key={o} value={o}>
                  {t(`outcomes.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {outcome === 'PROMISE' && (
        <>
          <Field label={t('contact.promiseAmount')} name="outcome.amountCents" error={error} hint={t('form.euros')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                placeholder={t('form.amountPlaceholder')}
                value={v.promiseAmount}
                onChange={(e) => form.set({ promiseAmount: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('contact.promiseDueOn')} name="outcome.dueOn" error={error}>
            {(p) => (
              <input
                {...p}
                type="date"
                min={file.today}
                value={v.promiseDueOn}
                onChange={(e) => form.set({ promiseDueOn: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
      {outcome === 'CALLBACK' && (
        <Field label={t('contact.callbackAt')} name="outcome.at" error={error} hint={t('contact.callbackHint')}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={v.callbackAt}
              onChange={(e) => form.set({ callbackAt: e.target.value })}
            />
          )}
        </Field>
      )}
      {outcome === 'DISPUTE' && (
        <Field label={t('contact.disputeReason')} name="outcome.reason" error={error} wide>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={v.disputeReason}
              onChange={(e) => form.set({ disputeReason: e.target.value })}
            />
          )}
        </Field>
      )}
      {outcome === 'REFUSAL' && (
        <Field label={t('contact.refusalNote')} name="outcome.note" error={error} wide>
          {(p) => <input {...p} value={v.refusalNote} onChange={(e) => form.set({ refusalNote: e.target.value })} />}
        </Field>
      )}
      <Field label={t('contact.note')} name="note" error={error} wide>
        {(p) => <textarea {...p} rows={3} value={v.note} onChange={(e) => form.set({ note: e.target.value })} />}
      </Field>
    </FormFrame>
  );
}
