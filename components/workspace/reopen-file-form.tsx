'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { reopenFileAction } from '@/app/actions/closing';
import { Choices, Field, FormFrame, type Failure } from './form-kit';
import type { ReopenReason } from '@/lib/closing/rules';

/**
 * Takes a closed file back to work, with why in a word — among the reasons that undo its closing (the debtor found
 * for an untraceable one, assets for an insolvency, an estate, an acknowledged debt) or a payment — and in words.
 */
export function ReopenFileForm({
  fileId,
  version,
  reasons,
}: {
  fileId: string;
  version: number;
  /** The reasons that fit the file's closing (lib/closing/rules.ts reopenReasonsFor). */
  reasons: readonly ReopenReason[];
}) {
  const t = useTranslations('closing');
  const router = useRouter();
  const [reason, setReason] = useState<ReopenReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();

  function submit() {
    start(async () => {
      const answer = await reopenFileAction({ fileId, expectedVersion: version, reason, note });
      if (!answer.ok) return setError({ ...answer.error, fields: answer.error.fields ?? {} });
      setError(null);
      router.refresh();
    });
  }

  return (
    <FormFrame
      testId="reopen-file-form"
      onSubmit={submit}
      error={error}
      pending={pending}
      submitLabel={t('reopen.submit')}
    >
      <Choices
        legend={t('reopen.reason')}
        name="reason"
        value={reason}
        options={reasons.map((r) => ({ value: r, label: t(`reopenReasons.${r}`) }))}
        onChange={setReason}
        error={error}
      />
      <Field label={t('reopen.note')} name="note" error={error} wide>
        {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
