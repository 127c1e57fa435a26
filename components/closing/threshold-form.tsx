'use client';

import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { setClosingThresholdAction } from '@/app/actions/closing';
import { Field, FormFrame, type Failure } from '@/components/workspace/form-kit';

/** The agency's approval threshold for closings, in euros as people write them. */
export function ThresholdForm({ value }: { value: string }) {
  const t = useTranslations('closing');
  const [amount, setAmount] = useState(value);
  const [error, setError] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  return (
    <FormFrame
      testId="closing-threshold-form"
      onSubmit={() =>
        start(async () => {
          const answer = await setClosingThresholdAction({ thresholdCents: amount });
          if (!answer.ok) {
            setSaved(false);
            return setError({ ...answer.error, fields: answer.error.fields ?? {} });
          }
          setError(null);
          setSaved(true);
        })
      }
      error={error}
      pending={pending}
      submitLabel={t('page.save')}
      footer={
        saved ? (
          <span className="text-sm text-emerald-700" role="status">
            {t('page.saved')}
          </span>
        ) : null
      }
    >
      <Field label={t('page.thresholdLabel')} name="thresholdCents" error={error}>
        {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}
