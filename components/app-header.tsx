import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/tenancy/actor';
import { can, type Action } from '@/lib/tenancy/permissions';
import { LocaleSwitcher } from './locale-switcher';
import { NavMenu, type NavEntry } from './nav-menu';
import { SignOutButton } from './sign-out-button';

type Entry = NavEntry & { action: Action };

/**
 * The agency's entries in groups: the day's work (always in sight), the portfolio, outreach (scenarios and
 * what they send) and settings. The creditor's portal has eight entries and shows them all.
 */
export async function AppHeader({ actor }: { actor: Actor }) {
  const t = await getTranslations();
  const allowed = (entries: Entry[]) => entries.filter((e) => can(actor, e.action));
  const agency = can(actor, 'agency.home');
  const work = agency
    ? allowed([
        { href: '/queue', label: t('queue.nav'), action: 'queue.read' },
        { href: '/files', label: t('nav.files'), action: 'files.list' },
        { href: '/assignments', label: t('queue.navAssignments'), action: 'files.assign' },
      ])
    : allowed([
        { href: '/portal', label: t('nav.portal'), action: 'portal.home' },
        { href: '/portal/dashboard', label: t('dashboard.navPortal'), action: 'portal.home' },
        { href: '/portal/mandates', label: t('mandates.navPortal'), action: 'mandates.read' },
        { href: '/portal/plans', label: t('planApproval.nav'), action: 'plans.decide' },
        { href: '/portal/agreements', label: t('escalation.agreement.nav'), action: 'escalations.agree' },
        { href: '/portal/imports', label: t('imports.nav'), action: 'imports.read' },
        { href: '/portal/payments', label: t('portalPayments.nav'), action: 'portal.home' },
        { href: '/portal/api-keys', label: t('accounts.nav.apiKeys'), action: 'apiKeys.manage' },
      ]);
  const groups = agency
    ? [
        {
          label: t('nav.portfolio'),
          entries: allowed([
            { href: '/creditors', label: t('mandates.navCreditors'), action: 'mandates.read' },
            { href: '/imports', label: t('imports.nav'), action: 'imports.read' },
            { href: '/reconciliation', label: t('reconciliation.nav'), action: 'bank.reconcile' },
            { href: '/escalations', label: t('escalation.queue.nav'), action: 'escalations.approve' },
            { href: '/judicial', label: t('judicial.nav'), action: 'judicial.work' },
            { href: '/declarations', label: t('declarationWatch.nav'), action: 'declarations.watch' },
            { href: '/closings', label: t('closing.nav'), action: 'closings.approve' },
            { href: '/dashboard', label: t('dashboard.nav'), action: 'dashboards.read' },
            { href: '/finance', label: t('ledger.nav'), action: 'ledger.read' },
          ]),
        },
        {
          label: t('nav.outreach'),
          entries: allowed([
            { href: '/scenarios', label: t('scenarios.nav'), action: 'scenarios.manage' },
            { href: '/print-runs', label: t('outbox.navPrintRuns'), action: 'scenarios.manage' },
            { href: '/admin/mail', label: t('outbox.navMail'), action: 'admin.system' },
          ]),
        },
        {
          label: t('nav.settings'),
          entries: allowed([
            { href: '/settings/rates', label: t('rates.nav'), action: 'rates.read' },
            { href: '/partners', label: t('partners.nav'), action: 'partners.manage' },
            { href: '/admin/staff', label: t('accounts.nav.staff'), action: 'staff.manage' },
            { href: '/admin/api-keys', label: t('accounts.nav.apiKeys'), action: 'apiKeys.manage' },
            { href: '/audit', label: t('audit.nav'), action: 'audit.read' },
            { href: '/admin/system', label: t('system.nav'), action: 'admin.system' },
          ]),
        },
      ].filter((g) => g.entries.length > 0)
    : [];
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          {t('app.name')}
        </Link>
        <nav className="flex items-center gap-4 text-sm whitespace-nowrap text-brand-100" aria-label={t('nav.main')}>
          {work.map((e) => (
            <Link key={e.href} href={e.href} className="hover:text-white">
              {e.label}
            </Link>
          ))}
          {groups.length > 0 && <span aria-hidden className="h-4 w-px bg-white/20" />}
          {groups.map((g) => (
            <NavMenu key={g.label} label={g.label} entries={g.entries.map(({ href, label }) => ({ href, label }))} />
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-4">
          <Link href="/account" className="truncate text-sm text-brand-100 hover:text-white" data-testid="current-user">
            {actor.name} · {actor.agencySlug}
          </Link>
          <LocaleSwitcher />
          <SignOutButton label={t('nav.signOut')} />
        </div>
      </div>
    </header>
  );
}
