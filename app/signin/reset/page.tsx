import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ResetPasswordForm } from '@/components/accounts/reset-password-form';
import { openResetLink } from '@/lib/accounts/reset-password';
import { PASSWORD } from '@/lib/accounts/schemas';
import { AuthCard } from '@/components/accounts/auth-card';

type SearchParams = Promise<{ token?: string | string[] }>;

/**
 * A reset link's page (or an invitation's): the password's form while the link is open, else why not and a way to
 * ask again.
 */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const [t, { token }] = await Promise.all([getTranslations('accounts.reset'), searchParams]);
  const purpose = typeof token === 'string' ? await openResetLink(token) : null;
  return (
    <AuthCard title={t(purpose === 'invite' ? 'inviteTitle' : 'newTitle')}>
      {purpose === 'invite' && <p className="mb-4 text-sm text-slate-600">{t('inviteIntro')}</p>}
      {purpose && typeof token === 'string' ? (
        <ResetPasswordForm token={token} minLength={PASSWORD.min} />
      ) : (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {t('closed')}
        </p>
      )}
      <p className="mt-4 text-center text-sm">
        <Link href="/signin/forgot" className="text-brand-700 hover:underline">
          {t('again')}
        </Link>
      </p>
    </AuthCard>
  );
}
