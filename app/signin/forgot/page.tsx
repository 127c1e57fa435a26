import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '@/components/accounts/forgot-password-form';
import { AuthCard } from '@/components/accounts/auth-card';

/** "Forgot my password": an e-mail address, a link by e-mail (issue 18). */
export default async function ForgotPasswordPage() {
  const t = await getTranslations('accounts.reset');
  return (
    <AuthCard title={t('title')}>
      <p className="mb-4 text-sm text-slate-600">{t('intro')}</p>
      <ForgotPasswordForm />
      <p className="mt-4 text-center text-sm">
        <Link href="/signin" className="text-brand-700 hover:underline">
          {t('back')}
        </Link>
      </p>
    </AuthCard>
  );
}
