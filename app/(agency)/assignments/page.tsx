import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AssignForm } from '@/components/queue/assign-form';
import { LoadChart } from '@/components/queue/load-chart';
import { RebalanceForm } from '@/components/queue/rebalance-form';
import { requireActor } from '@/lib/auth/session';
import { listCreditorOptions } from '@/lib/cases/queries';
import { formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { can } from '@/lib/tenancy/permissions';
import { assignmentOverview } from '@/lib/workqueue/queries';
import { assignFilesAction, rebalanceAction } from './actions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

export default async function AssignmentsPage() {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'files.assign')) notFound();
  const [t, locale, overview, creditors] = await Promise.all([
    getTranslations('queue'),
    getLocale().then(toLocale),
    assignmentOverview(actor),
    listCreditorOptions({ actor }),
  ]);
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);

  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t('assignments.title')}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('assignments.intro')}</p>
      </div>

      <section className={card}>
        <h2 className={heading}>{t('assignments.load')}</h2>
        <LoadChart
          locale={locale === 'fr' ? 'fr-FR' : 'en-GB'}
          data={overview.agents.map((a) => ({ name: a.name, amount: a.amountCents / 100, files: a.files, due: a.due }))}
          labels={{ amount: t('assignments.amount'), files: t('assignments.filesUnit'), due: t('assignments.dueUnit') }}
        />
        <table className="mt-4 w-full text-sm" data-testid="load-table">
          <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="py-2 pr-4 font-medium">{t('assignments.agent')}</th>
              <th className="py-2 pr-4 font-medium">{t('assignments.role')}</th>
              <th className="py-2 pr-4 text-right font-medium">{t('assignments.files')}</th>
              <th className="py-2 pr-4 text-right font-medium">{t('assignments.amount')}</th>
              <th className="py-2 pr-4 text-right font-medium">{t('assignments.due')}</th>
              <th className="py-2 font-medium" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {overview.agents.map((a) => (
              <tr key={a.id}>
                <td className="py-2 pr-4 font-medium">{a.name}</td>
                <td className="py-2 pr-4 text-slate-600">{t(`roles.${a.role}`)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{a.files}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{money(a.amountCents)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{a.due}</td>
                <td className="py-2 text-right">
                  <Link href={`/queue?agentId=${a.id}`} className="text-brand-700 hover:underline">
                    {t('assignments.openQueue')}
                  </Link>
                </td>
              </tr>
            ))}
            <tr className="text-slate-600">
              <td className="py-2 pr-4 italic">{t('assignments.unassigned')}</td>
              <td className="py-2 pr-4" />
              <td className="py-2 pr-4 text-right tabular-nums">{overview.unassigned.files}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{money(overview.unassigned.amountCents)}</td>
              <td className="py-2 pr-4" />
              <td className="py-2" />
            </tr>
          </tbody>
        </table>
      </section>

      <section className={card}>
        <h2 className={heading}>{t('assign.title')}</h2>
        <AssignForm action={assignFilesAction} staff={overview.agents} creditors={creditors} />
      </section>

      <section className={card}>
        <h2 className={heading}>{t('rebalance.title')}</h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('rebalance.intro')}</p>
        <RebalanceForm action={rebalanceAction} staff={overview.agents} />
      </section>
    </main>
  );
}
