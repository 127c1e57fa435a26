'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { changePasswordAction } from '@/app/actions/account';
import { Field } from '@/components/workspace/form-kit';
import { AccountForm, useAccountForm } from './account-form';

/** Current password, new one twice. Success ends every session, this one too: on to the sign-in page. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const t = useTranslations('accounts.password');
  const router = useRouter();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const { error, pending, submit } = useAccountForm();
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <AccountForm
      testId="change-password"
      error={error}
      pending={pending}
      submitLabel={t('change')}
      pendingLabel={t('changing')}
      onSubmit={() =>
        submit(
          () => changePasswordAction(values),
          () => router.push('/signin?notice=passwordChanged'),
        )
      }
    >
      <Field label={t('current')} name="currentPassword" error={error}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(e) => set({ currentPassword: e.target.value })}
          />
        )}
      </Field>
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
