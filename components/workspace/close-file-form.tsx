'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FormFrame, type Failure } from './form-kit';
import {
  CLOSING_REASONS,
  CLOSING_STATUS,
  EVIDENCE_REQUIRED,
  NOTE_REQUIRED,
  type ClosingReason,
} from '@/lib/closing/rules';

/**
 * The closing form of the file page: a reason of the fixed list, a note, the evidence (a PDF or a scan), and for an
 * irrecoverable B2B claim the invoices' VAT rate for the certificate. It posts to app/api/files/[id]/closing; the
 * server's answer (closed, or waiting for a manager) is read back with the page.
 */
export function CloseFileForm({ fileId, version, b2b }: { fileId: string; version: number; b2b: boolean }) {
  const t = useTranslations('closing');
  const router = useRouter();
  const [reason, setReason] = useState<ClosingReason | ''>('');
  const [note, setNote] = useState('');
  const [vatRate, setVatRate] = useState('20');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();

  function submit() {
    start(async () => {
      const body = new FormData();
      body.set('expectedVersion', String(version));
      body.set('reason', reason);
      body.set('note', note);
      if (b2b && reason && CLOSING_STATUS[reason] === 'IRRECOVERABLE') body.set('vatRate', vatRate);
      if (file) body.set('evidence', file);
      try {
        const response = await fetch(`/api/files/${fileId}/closing`, { method: 'POST', body });
        if (!response.ok) {
          const answer = (await response.json().catch(() => null)) as { error?: Failure } | null;
          setError(
            answer?.error
              ? { ...answer.error, fields: answer.error.fields ?? {} }
              : { code: 'INTERNAL', message: t('form.failed'), fields: {} },
          );
          return;
        }
        setError(null);
        router.refresh();
      } catch {
        setError({ code: 'INTERNAL', message: t('form.failed'), fields: {} });
      }
    });
  }

  const needsEvidence = reason !== '' && EVIDENCE_REQUIRED.includes(reason);
  const needsNote = reason !== '' && NOTE_REQUIRED.includes(reason);
  return (
    <FormFrame
      testId="close-file-form"
      onSubmit={submit}
      error={error}
      pending={pending}
      submitLabel={t('form.submit')}
    >
      <Field label={t('form.reason')} name="reason" error={error} wide>
        {(p) => (
          <select {...p} value={reason} onChange={(e) => setReason(e.target.value as ClosingReason)}>
            <option value="">{t('form.choose')}</option>
            {(['PAID', 'IRRECOVERABLE', 'WITHDRAWN'] as const).map((family) => (
              <optgroup key={family} label={t(`families.${family}`)}>
                {CLOSING_REASONS.filter((r) => CLOSING_STATUS[r] === family).map((r) => (
                  <option key={r} value={r}>
                    {t(`reasons.${r}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={needsNote ? t('form.noteRequired') : t('form.note')}
        name="note"
        error={error}
        hint={reason ? t(`hints.${reason}`) : undefined}
        wide
      >
        {(p) => <textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <Field
        label={needsEvidence ? t('form.evidenceRequired') : t('form.evidence')}
        name="evidence"
        error={error}
        hint={t('form.evidenceHint')}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept="application/pdf,.pdf,image/png,image/jpeg"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      {b2b && reason !== '' && CLOSING_STATUS[reason] === 'IRRECOVERABLE' && (
        <Field label={t('form.vatRate')} name="vatRate" error={error} hint={t('form.vatRateHint')}>
          {(p) => <input {...p} inputMode="decimal" value={vatRate} onChange={(e) => setVatRate(e.target.value)} />}
        </Field>
      )}
    </FormFrame>
  );
}
