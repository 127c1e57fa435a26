'use client';

import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';

type SignInError = 'invalid' | 'throttled' | 'code-invalid';

/**
 * E-mail and password; then, for a person with a second factor, the code from their app (or a recovery code): the
 * server answers 'code' once the password is right, and the form asks for it with the password kept.
 */
export function SignInForm({ initialError }: { initialError?: string }) {
  const t = useTranslations('signIn');
  const ta = useTranslations('accounts.signIn');
  const [error, setError] = useState<SignInError | undefined>(initialError as SignInError | undefined);
  const [askCode, setAskCode] = useState(false);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const form = new FormData(event.currentTarget);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      agency: String(form.get('agency') ?? ''),
      code: String(form.get('code') ?? ''),
    });
    if (result?.ok && !result.error) {
      router.replace('/');
      router.refresh();
      return;
    }
    setPending(false);
    if (result?.error === 'code') return setAskCode(true);
    setError(
      result?.error === 'throttled' ? 'throttled' : result?.error === 'code-invalid' ? 'code-invalid' : 'invalid',
    );
  }

  const input = 'mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none';
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <label className={askCode ? 'hidden' : 'block text-sm font-medium text-slate-700'}>
        {t('email')}
        <input name="email" type="email" autoComplete="username" required className={input} />
      </label>
      <label className={askCode ? 'hidden' : 'block text-sm font-medium text-slate-700'}>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" required className={input} />
      </label>
      <details className={askCode ? 'hidden' : 'text-sm text-slate-600'}>
        <summary className="cursor-pointer">{t('agency')}</summary>
        <input name="agency" type="text" autoComplete="organization" className={input} />
      </details>
      {askCode && (
        <div>
          <p className="mb-2 text-sm text-slate-600">{ta('codeIntro')}</p>
          <label className="block text-sm font-medium text-slate-700">
            {ta('code')}
            <input
              name="code"
              type="text"
              inputMode="text"
              autoComplete="one-time-code"
              autoFocus
              required
              aria-invalid={error === 'code-invalid'}
              aria-describedby="code-error"
              className={input}
            />
          </label>
        </div>
      )}
      {error && (
        <p role="alert" id="code-error" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error === 'code-invalid' ? ta('codeInvalid') : t(error === 'throttled' ? 'throttled' : 'invalid')}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand-700 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60"
      >
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
