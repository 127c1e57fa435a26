'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { resetPasswordAction } from '@/app/actions/password-reset';
import { Field } from '@/components/workspace/form-kit';
import { AccountForm, useAccountForm } from './account-form';

/** The new password, twice, for the link's person; then the sign-in page. */
export function ResetPasswordForm({ token, minLength }: { token: string; minLength: number }) {
  const t = useTranslations('accounts.password');
  const router = useRouter();
  const [values, setValues] = useState({ newPassword: '', confirmPassword: '' });
  const { error, pending, submit } = useAccountForm();
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <AccountForm
      testId="reset-password"
      error={error}
      pending={pending}
      submitLabel={t('set')}
      pendingLabel={t('changing')}
      onSubmit={() =>
        submit(
          () => resetPasswordAction({ ...values, token }),
          () => router.push('/signin?notice=passwordReset'),
        )
      }
    >
      {error?.fields.token && (
        <p className="text-sm text-rose-700" data-field-error="token">
          {error.fields.token}
        </p>
      )}
      <Field label={t('new')} name="newPassword" error={error} hint={t('rule', { min: minLength })}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={(e) => set({ newPassword: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('confirm')} name="confirmPassword" error={error}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={values.confirmPassword}
            onChange={(e) => set({ confirmPassword: e.target.value })}
          />
        )}
      </Field>
    </AccountForm>
  );
}
