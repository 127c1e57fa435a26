'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { inviteMemberAction } from '@/app/actions/staff';
import { Field } from '@/components/workspace/form-kit';
import { AccountForm, useAccountForm } from './account-form';

const ROLES = ['AGENT', 'MANAGER', 'ADMIN', 'CREDITOR'] as const;

/** An invitation: the person's e-mail, name, language, role (and creditor, for a creditor's user). */
export function InviteMemberForm({ creditors }: { creditors: { id: string; name: string }[] }) {
  const t = useTranslations('accounts');
  const router = useRouter();
  const empty = { email: '', name: '', locale: 'fr', role: 'AGENT', creditorId: '' };
  const [values, setValues] = useState(empty);
  const [sent, setSent] = useState<string | null>(null);
  const { error, pending, submit } = useAccountForm();
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <AccountForm
      testId="invite-member"
      error={error}
      pending={pending}
      submitLabel={t('invite.send')}
      pendingLabel={t('invite.sending')}
      onSubmit={() =>
        submit(
          () => inviteMemberAction(values),
          () => {
            setSent(values.email);
            setValues(empty);
            router.refresh();
          },
        )
      }
    >
      {sent && (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('invite.sent', { email: sent })}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('invite.email')} name="email" error={error}>
          {(p) => <input {...p} type="email" value={values.email} onChange={(e) => set({ email: e.target.value })} />}
        </Field>
        <Field label={t('invite.name')} name="name" error={error}>
          {(p) => <input {...p} value={values.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <Field label={t('invite.role')} name="role" error={error}>
          {(p) => (
            <select {...p} value={values.role} onChange={(e) => set({ role: e.target.value })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('invite.creditor')} name="creditorId" error={error} hint={t('invite.creditorHint')}>
          {(p) => (
            <select
              {...p}
              value={values.creditorId}
              disabled={values.role !== 'CREDITOR'}
              onChange={(e) => set({ creditorId: e.target.value })}
            >
              <option value="">—</option>
              {creditors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('invite.locale')} name="locale" error={error}>
          {(p) => (
            <select {...p} value={values.locale} onChange={(e) => set({ locale: e.target.value })}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          )}
        </Field>
      </div>
    </AccountForm>
  );
}
