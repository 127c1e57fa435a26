import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PlanDecisions } from '@/components/portal/plan-decisions';
import { requireActor } from '@/lib/auth/session';
import { plansAwaitingApproval } from '@/lib/payments/plans-awaiting';
import { can } from '@/lib/tenancy/permissions';

/** The payment plans the creditor is asked to decide (CPCE R124-5). */
export default async function PortalPlansPage() {
  const actor = await requireActor();
  if (!can(actor, 'portal.home') || !can(actor, 'plans.decide')) notFound();
  const [t, plans] = await Promise.all([getTranslations('planApproval'), plansAwaitingApproval({ actor })]);
  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t('intro')}</p>
      <PlanDecisions plans={plans} />
    </main>
  );
}
