import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/sign-in-form';
import { currentSession } from '@/lib/auth/session';
import { AuthCard } from '@/components/accounts/auth-card';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// What the page may say on arrival (after a password change or reset, every session has ended).
const NOTICES = ['passwordChanged', 'passwordReset', 'secondFactorRemoved'] as const;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  // A live session goes home (a session waiting on its second factor, to the enrolment page from there).
  if (await currentSession()) redirect('/');
  const [t, params] = await Promise.all([getTranslations(), searchParams]);
  const error = params.error === 'throttled' ? 'throttled' : params.error ? 'invalid' : undefined;
  const notice = NOTICES.find((n) => n === params.notice);
  return (
    <AuthCard title={t('signIn.title')}>
      {notice && (
        <p role="status" className="mb-4 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t(`accounts.notice.${notice}`)}
        </p>
      )}
      <SignInForm initialError={error} />
      <p className="mt-4 text-center text-sm">
        <Link href="/signin/forgot" className="text-brand-700 hover:underline">
          {t('accounts.reset.forgot')}
        </Link>
      </p>
    </AuthCard>
  );
}
