'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { reversePaymentAction } from '@/app/actions/payments';
import { Field, FormFrame, fromPaymentAction, useFileForm } from './form-kit';

/**
 * A manager cancels a payment (a bounced cheque, a recalled transfer, money booked on the wrong file): a negative
 * entry with its own receipt undoes what the payment settled. Folded away so it is never clicked by accident.
 */
export function ReversePayment({ fileId, paymentId }: { fileId: string; paymentId: string }) {
  const t = useTranslations('workspace');
  const router = useRouter();
  const form = useFileForm(fileId, `reverse-${paymentId}`, { reason: '' });

  function send() {
    form.submit(
      async () =>
        fromPaymentAction<{ reversalId: string }>(
          await reversePaymentAction({ fileId, paymentId, reason: form.values.reason }),
        ),
      () => {
        form.clear();
        router.refresh();
      },
    );
  }

  return (
    <details className="mt-1 text-left" data-testid="reverse-payment">
      <summary className="cursor-pointer text-xs text-rose-700 hover:underline">{t('money.reverse')}</summary>
      <div className="mt-2 rounded border border-rose-200 bg-rose-50 p-3">
        <FormFrame
          testId="form-reverse-payment"
          onSubmit={send}
          error={form.error}
          pending={form.pending}
          submitLabel={t('money.reverseConfirm')}
        >
          <Field label={t('money.reverseReason')} name="reason" error={form.error} hint={t('money.reverseHint')} wide>
            {(p) => <input {...p} value={form.values.reason} onChange={(e) => form.set({ reason: e.target.value })} />}
          </Field>
        </FormFrame>
      </div>
    </details>
  );
}
