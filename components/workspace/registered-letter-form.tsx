'use client';

import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { recordRegisteredMailAction } from '@/app/actions/registered-mail';
import type { FileRegisteredLetter } from '@/lib/registered-mail/file-letters';
import { Field, FormFrame, useFileForm } from './form-kit';

const OUTCOMES = ['DELIVERED', 'UNCLAIMED', 'UNKNOWN_ADDRESS'] as const;
const FIELDS = ['trackingNumber', 'sentOn', 'firstPresentedOn', 'acknowledgedOn', 'deliveryOutcome'] as const;

/**
 * Corrects one registered letter by hand: the number, the posting day, the acknowledgement and the outcome as
 * recorded, prefilled. Only the fields the agent changed are sent (a blank clears the value), so a form opened
 * before the mailing house's file came in does not put back what the file recorded. The fields mount when the
 * agent opens them: the draft they keep is read in the browser, never while the server draws the page.
 */
export function RegisteredLetterForm({ fileId, letter }: { fileId: string; letter: FileRegisteredLetter }) {
  const t = useTranslations('workspace.registeredMail');
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page was interactive: the toggle event was missed, the element still says so.
  useEffect(() => setOpen(Boolean(details.current?.open)), []);
  return (
    <details
      ref={details}
      className="mt-1"
      data-testid="registered-letter-edit"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:underline">{t('edit')}</summary>
      {open && <LetterFields fileId={fileId} letter={letter} />}
    </details>
  );
}

function LetterFields({ fileId, letter }: { fileId: string; letter: FileRegisteredLetter }) {
  const t = useTranslations('workspace.registeredMail');
  const router = useRouter();
  const recorded = {
    trackingNumber: letter.trackingNumber ?? '',
    sentOn: letter.sentOn ?? '',
    firstPresentedOn: letter.firstPresentedOn ?? '',
    acknowledgedOn: letter.acknowledgedOn ?? '',
    deliveryOutcome: letter.deliveryOutcome ?? '',
  };
  const form = useFileForm(fileId, `registered-${letter.id}`, recorded);
  const [saved, setSaved] = useState<string | null>(null);

  function send() {
    const input: Record<string, string | null> = { documentId: letter.id };
    for (const field of FIELDS) {
      const value = form.values[field].trim();
      if (value !== recorded[field]) input[field] = value === '' ? null : value;
    }
    if (Object.keys(input).length === 1) {
      setSaved(t('unchanged'));
      return;
    }
    setSaved(null);
    form.submit(
      async () => recordRegisteredMailAction(input),
      (result) => {
        form.clear();
        setSaved(result.changed ? t('saved', { reference: letter.reference }) : t('unchanged'));
        router.refresh();
      },
    );
  }

  const text = (field: (typeof FIELDS)[number]) => ({
    value: form.values[field],
    onChange: (e: { target: { value: string } }) => form.set({ [field]: e.target.value }),
  });

  return (
    <div className="mt-2 rounded border border-slate-200 bg-slate-50 p-3">
      <p className="mb-2 text-sm font-medium">{t('editTitle', { reference: letter.reference })}</p>
      <FormFrame
        testId="form-registered-letter"
        onSubmit={send}
        error={form.error}
        pending={form.pending}
        submitLabel={t('save')}
        footer={
          saved && (
            <span role="status" className="text-sm text-emerald-800">
              {saved}
            </span>
          )
        }
      >
        <Field label={t('trackingNumber')} name="trackingNumber" error={form.error} hint={t('numberHint')}>
          {(p) => <input {...p} {...text('trackingNumber')} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label={t('sentOn')} name="sentOn" error={form.error}>
          {(p) => <input {...p} type="date" {...text('sentOn')} />}
        </Field>
        <Field label={t('firstPresentedOn')} name="firstPresentedOn" error={form.error}>
          {(p) => <input {...p} type="date" {...text('firstPresentedOn')} />}
        </Field>
        <Field label={t('acknowledgedOn')} name="acknowledgedOn" error={form.error}>
          {(p) => <input {...p} type="date" {...text('acknowledgedOn')} />}
        </Field>
        <Field label={t('outcome')} name="deliveryOutcome" error={form.error}>
          {(p) => (
            <select {...p} {...text('deliveryOutcome')}>
              <option value="">{t('outcomes.none')}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcomes.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="text-xs text-slate-500 sm:col-span-2">{t('hint')}</p>
      </FormFrame>
    </div>
  );
}
