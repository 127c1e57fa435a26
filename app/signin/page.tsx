import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { SignInForm } from '@/components/sign-in-form';
import { currentActor } from '@/lib/auth/session';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  if (await currentActor()) redirect('/');
  const [t, params] = await Promise.all([getTranslations(), searchParams]);
  const error = params.error === 'throttled' ? 'throttled' : params.error ? 'invalid' : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-brand-900 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-end justify-between text-white">
          <div>
            <p className="text-3xl font-semibold tracking-tight">{t('app.name')}</p>
            <p className="text-sm text-brand-100">{t('app.tagline')}</p>
          </div>
          <LocaleSwitcher />
        </div>
        <div className="rounded-lg bg-white p-6 shadow-xl">
          <h1 className="mb-4 text-lg font-semibold">{t('signIn.title')}</h1>
          <SignInForm initialError={error} />
        </div>
      </div>
    </main>
  );
}
