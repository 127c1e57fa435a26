import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { AppHeader } from '@/components/app-header';
import { StaffMessages } from '@/components/i18n/staff-messages';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { SignOutButton } from '@/components/sign-out-button';
import { requireSession } from '@/lib/auth/session';

/**
 * Every signed-in person's own account, staff and creditors' users alike. A session still waiting on a required
 * second factor sees no navigation: the enrolment page is all it opens.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  return <StaffMessages>{await accountFrame(children)}</StaffMessages>;
}

async function accountFrame(children: ReactNode) {
  const session = await requireSession();
  if (session.state === 'full')
    return (
      <>
        <AppHeader actor={session.actor} />
        {children}
      </>
    );
  const t = await getTranslations();
  return (
    <>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <span className="text-lg font-semibold tracking-tight">{t('app.name')}</span>
          <div className="ml-auto flex items-center gap-4">
            <span className="text-sm text-brand-100">{session.actor.name}</span>
            <LocaleSwitcher />
            <SignOutButton label={t('nav.signOut')} />
          </div>
        </div>
      </header>
      {children}
    </>
  );
}
