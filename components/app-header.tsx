import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/tenancy/actor';
import { can } from '@/lib/tenancy/permissions';
import { LocaleSwitcher } from './locale-switcher';
import { SignOutButton } from './sign-out-button';

export async function AppHeader({ actor }: { actor: Actor }) {
  const t = await getTranslations();
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          {t('app.name')}
        </Link>
        <nav className="flex gap-4 text-sm text-brand-100">
          {can(actor, 'agency.home') && can(actor, 'queue.read') && (
            <Link href="/queue" className="hover:text-white">
              {t('queue.nav')}
            </Link>
          )}
          {can(actor, 'agency.home') && (
            <Link href="/files" className="hover:text-white">
              {t('nav.files')}
            </Link>
          )}
          {can(actor, 'agency.home') && can(actor, 'mandates.read') && (
            <Link href="/creditors" className="hover:text-white">
              {t('mandates.navCreditors')}
            </Link>
          )}
          {can(actor, 'agency.home') && can(actor, 'imports.read') && (
            <Link href="/imports" className="hover:text-white">
              {t('imports.nav')}
            </Link>
          )}
          {can(actor, 'agency.home') && can(actor, 'files.assign') && (
            <Link href="/assignments" className="hover:text-white">
              {t('queue.navAssignments')}
            </Link>
          )}
          {can(actor, 'agency.home') && can(actor, 'scenarios.manage') && (
            <Link href="/scenarios" className="hover:text-white">
              {t('scenarios.nav')}
            </Link>
          )}
          {can(actor, 'agency.home') && can(actor, 'dashboards.read') && (
            <Link href="/dashboard" className="hover:text-white">
              {t('dashboard.nav')}
            </Link>
          )}
          {can(actor, 'agency.home') && can(actor, 'scenarios.manage') && (
            <Link href="/print-runs" className="hover:text-white">
              {t('outbox.navPrintRuns')}
            </Link>
          )}
          {can(actor, 'agency.home') && can(actor, 'admin.system') && (
            <Link href="/admin/mail" className="hover:text-white">
              {t('outbox.navMail')}
            </Link>
          )}
          {can(actor, 'portal.home') && (
            <Link href="/portal" className="hover:text-white">
              {t('nav.portal')}
            </Link>
          )}
          {can(actor, 'portal.home') && (
            <Link href="/portal/dashboard" className="hover:text-white">
              {t('dashboard.navPortal')}
            </Link>
          )}
          {can(actor, 'portal.home') && can(actor, 'mandates.read') && (
            <Link href="/portal/mandates" className="hover:text-white">
              {t('mandates.navPortal')}
            </Link>
          )}
          {can(actor, 'portal.home') && can(actor, 'imports.read') && (
            <Link href="/portal/imports" className="hover:text-white">
              {t('imports.nav')}
            </Link>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-4">
          <span className="text-sm text-brand-100" data-testid="current-user">
            {actor.name} · {actor.agencySlug}
          </span>
          <LocaleSwitcher />
          <SignOutButton label={t('nav.signOut')} />
        </div>
      </div>
    </header>
  );
}
