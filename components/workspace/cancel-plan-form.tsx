'use client';

import { useTranslations } from 'next-intl';
import { cancelPlanAction, withdrawPlanAction } from '@/app/actions/payments';
import { fromPaymentAction } from './form-kit';
import { ReasonForm } from './reason-form';
import type { PanelFile } from './types';

/**
 * Ends the plan in force by agreement (renegotiation, a new arrangement), with the reason on the timeline, so a
 * new plan can be agreed. Payments already received stay imputed.
 */
export function CancelPlanForm({ file }: { file: PanelFile }) {
  const t = useTranslations('workspace');
  return (
    <ReasonForm
      fileId={file.fileId}
      draft="cancel-plan"
      testId="form-cancel-plan"
      label={t('plan.cancelReason')}
      hint={t('plan.cancelHint')}
      submitLabel={t('plan.cancel')}
      send={async (reason) =>
        fromPaymentAction(await cancelPlanAction({ fileId: file.fileId, expectedVersion: file.version, reason }))
      }
    />
  );
}

/**
 * Withdraws the plan still awaiting the creditor's approval (lib/payments/withdraw-plan.ts), with the reason on the
 * timeline; refused once the creditor has decided.
 */
export function WithdrawPlanForm({ file, planId }: { file: PanelFile; planId: string }) {
  const t = useTranslations('workspace');
  return (
    <ReasonForm
      fileId={file.fileId}
      draft="withdraw-plan"
      testId="form-withdraw-plan"
      label={t('plan.withdrawReason')}
      hint={t('plan.withdrawHint')}
      submitLabel={t('plan.withdraw')}
      send={async (reason) =>
        fromPaymentAction(
          await withdrawPlanAction({ fileId: file.fileId, expectedVersion: file.version, planId, reason }),
        )
      }
    />
  );
}
