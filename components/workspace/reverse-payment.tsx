'use client';

import { useTranslations } from 'next-intl';
import { reversePaymentAction } from '@/app/actions/payments';
import { fromPaymentAction } from './form-kit';
import { ReasonForm } from './reason-form';

/**
 * A manager cancels a payment (a bounced cheque, a recalled transfer, money booked on the wrong file): a negative
 * entry with its own receipt undoes what the payment settled. Folded away so it is never clicked by accident.
 */
export function ReversePayment({ fileId, paymentId }: { fileId: string; paymentId: string }) {
  const t = useTranslations('workspace');
  return (
    <details className="mt-1 text-left" data-testid="reverse-payment">
      <summary className="cursor-pointer text-xs text-rose-700 hover:underline">{t('money.reverse')}</summary>
      <div className="mt-2 rounded border border-rose-200 bg-rose-50 p-3">
        <ReasonForm
          fileId={fileId}
          draft={`reverse-${paymentId}`}
          testId="form-reverse-payment"
          label={t('money.reverseReason')}
          hint={t('money.reverseHint')}
          submitLabel={t('money.reverseConfirm')}
          send={async (reason) => fromPaymentAction(await reversePaymentAction({ fileId, paymentId, reason }))}
        />
      </div>
    </details>
  );
}
