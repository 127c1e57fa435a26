'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { requestResetAction } from '@/app/actions/password-reset';
import { Field } from '@/components/workspace/form-kit';
import { AccountForm, useAccountForm } from './account-form';

/** An e-mail address; the answer is the same whether it has an account or not. */
export function ForgotPasswordForm() {
  const t = useTranslations('accounts.reset');
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<'sent' | 'throttled' | null>(null);
  const { error, pending, submit } = useAccountForm();
  if (answer === 'sent')
    return (
      <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {t('sent')}
      </p>
    );
  return (
    <AccountForm
      testId="forgot-password"
      error={error}
      pending={pending}
      submitLabel={t('send')}
      pendingLabel={t('sending')}
      onSubmit={() => submit(() => requestResetAction({ email }), setAnswer)}
    >
      <Field label={t('email')} name="email" error={error}>
        {(p) => (
          <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      {answer === 'throttled' && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {t('throttled')}
        </p>
      )}
    </AccountForm>
  );
}
