import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/accounts/change-password-form';
import { PASSWORD } from '@/lib/accounts/schemas';
import { requireActor } from '@/lib/auth/session';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

/** The person's own account: the password and the second factor (issue 18). */
export default async function AccountPage() {
  await requireActor();
  const t = await getTranslations('accounts');
  return (
    <main className="mx-auto max-w-3xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('account.title')}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t('account.intro')}</p>
      <section className={card} aria-labelledby="password-heading">
        <h2 id="password-heading" className="mb-1 text-lg font-semibold">
          {t('password.title')}
        </h2>
        <p className="mb-4 text-sm text-slate-600">{t('password.intro')}</p>
        <ChangePasswordForm minLength={PASSWORD.min} />
      </section>
      <section className={`${card} mt-4`} aria-labelledby="factor-heading">
        <h2 id="factor-heading" className="mb-1 text-lg font-semibold">
          {t('secondFactor.title')}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t('secondFactor.intro')}</p>
        <Link href="/account/second-factor" className="text-sm font-medium text-brand-700 hover:underline">
          {t('secondFactor.open')}
        </Link>
      </section>
    </main>
  );
}
