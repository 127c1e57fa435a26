'use client';

import { useTranslations } from 'next-intl';
import type { DebtorFormState } from './form-state';
import { control, Field, RequestForm } from './request-forms';

type Action = (state: DebtorFormState, form: FormData) => Promise<DebtorFormState>;

/**
 * Pay by card or SEPA direct debit (decision 0020): the amount, all that is due unless the debtor changes it; the
 * action sends the browser to the provider's hosted page, or answers why not on the amount's field.
 */
export function CardPaymentForm({ action, defaultAmount }: { action: Action; defaultAmount: string }) {
  const t = useTranslations('debtorPage.card');
  return (
    <RequestForm name="card" action={action} submit={t('submit')}>
      {(s) => (
        <Field id="card-amount" label={t('amount')} hint={t('amountHint')} error={s.fields.amount}>
          {(p) => (
            <input
              {...p}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={s.values.amount ?? defaultAmount}
              className={control}
            />
          )}
        </Field>
      )}
    </RequestForm>
  );
}
