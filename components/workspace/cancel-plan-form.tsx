'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cancelPlanAction } from '@/app/actions/payments';
import { Field, FormFrame, fromPaymentAction, useFileForm } from './form-kit';
import type { PanelFile } from './types';

/**
 * Ends the plan in force by agreement (renegotiation, a new arrangement), with the reason on the timeline, so a
 * new plan can be agreed. Payments already received stay imputed.
 */
export function CancelPlanForm({ file }: { file: PanelFile }) {
  const t = useTranslations('workspace');
  const router = useRouter();
  const form = useFileForm(file.fileId, 'cancel-plan', { reason: '' });

  function send() {
    form.submit(
      async () =>
        fromPaymentAction<{ planId: string }>(
          await cancelPlanAction({ fileId: file.fileId, expectedVersion: file.version, reason: form.values.reason }),
        ),
      () => {
        form.clear();
        router.refresh();
      },
    );
  }

  return (
    <FormFrame
      testId="form-cancel-plan"
      onSubmit={send}
      error={form.error}
      pending={form.pending}
      submitLabel={t('plan.cancel')}
    >
      <Field label={t('plan.cancelReason')} name="reason" error={form.error} hint={t('plan.cancelHint')} wide>
        {(p) => <input {...p} value={form.values.reason} onChange={(e) => form.set({ reason: e.target.value })} />}
      </Field>
    </FormFrame>
  );
}
