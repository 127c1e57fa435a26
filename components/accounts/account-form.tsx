'use client';

import { useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { ErrorBanner, type Answer, type Failure } from '@/components/workspace/form-kit';

/**
 * The frame of the accounts forms (password, second factor, staff, API keys): one submission at a time, the
 * server's refusal above the fields and next to each field it names (components/workspace/form-kit's Field).
 */
export function useAccountForm() {
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  const t = useTranslations('workspace');
  function submit<T>(call: () => Promise<Answer<T>>, onOk: (data: T) => void) {
    start(async () => {
      let answer: Answer<T>;
      try {
        answer = await call();
      } catch {
        answer = { ok: false, error: { code: 'INTERNAL', message: t('form.network'), fields: {} } };
      }
      if (answer.ok) {
        setError(null);
        onOk(answer.data);
      } else setError({ ...answer.error, fields: answer.error.fields ?? {} });
    });
  }
  return { error, setError, pending, submit };
}

export function AccountForm({
  testId,
  onSubmit,
  error,
  pending,
  submitLabel,
  pendingLabel,
  children,
}: {
  testId: string;
  onSubmit: () => void;
  error: Failure | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      data-testid={testId}
      aria-busy={pending}
      className="space-y-3"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!pending) onSubmit();
      }}
    >
      <ErrorBanner error={error} />
      {children}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
