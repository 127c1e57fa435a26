import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ResetPasswordForm } from '@/components/accounts/reset-password-form';
import { isResetLinkOpen } from '@/lib/accounts/reset-password';
import { PASSWORD } from '@/lib/accounts/schemas';
import { AuthCard } from '@/components/accounts/auth-card';

type SearchParams = Promise<{ token?: string | string[] }>;

/** A reset link's page: the new password's form while the link is open, else why not and a way to ask again. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const [t, { token }] = await Promise.all([getTranslations('accounts.reset'), searchParams]);
  const open = typeof token === 'string' && (await isResetLinkOpen(token));
  return (
    <AuthCard title={t('newTitle')}>
      {open ? (
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
