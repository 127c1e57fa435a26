import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { NewScenarioForm } from '@/components/scenarios/new-scenario-form';
import { rulesSummary } from '@/components/scenarios/rules-summary';
import { card, heading } from '@/components/scenarios/ui';
import { requireActor } from '@/lib/auth/session';
import { listCreditorOptions } from '@/lib/cases/queries';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { listScenarios } from '@/lib/scenario-design/queries';
import { can } from '@/lib/tenancy/permissions';
import { createScenarioAction } from './actions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ScenariosPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'scenarios.manage')) notFound();
  const [t, locale, scenarios, creditors, { archived }] = await Promise.all([
    getTranslations('scenarios'),
    getLocale().then(toLocale),
    listScenarios({ actor }),
    listCreditorOptions({ actor }),
    searchParams,
  ]);
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const names = new Map(creditors.map((c) => [c.id, c.name]));
  const creditorName = (id: string) => names.get(id) ?? t('summary.unknownCreditor');
  const archivedScenario = scenarios.find((s) => s.id === archived);

  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      {archivedScenario && (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('archive.done', { name: archivedScenario.name })}
        </p>
      )}

      <section className={card}>
        {scenarios.length === 0 ? (
          <p className="text-sm text-slate-500">{t('list.none')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="scenarios-table">
              <caption className="sr-only">{t('title')}</caption>
              <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t('list.name')}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t('list.current')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    {t('list.running')}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t('list.rules')}
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    {t('list.channels')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {scenarios.map((s) => {
                  const shown = s.current ?? s.draft;
                  return (
                    <tr
                      key={s.id}
                      data-testid={`scenario-row-${s.name}`}
                      className={s.archivedAt ? 'text-slate-500' : ''}
                    >
                      <td className="py-2 pr-4 align-top">
                        <Link href={`/scenarios/${s.id}`} className="font-medium text-brand-700 hover:underline">
                          {s.name}
                        </Link>
                        {s.archivedAt && (
                          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                            {t('list.archived')}
                          </span>
                        )}
                        {s.description && <p className="text-xs text-slate-500">{s.description}</p>}
                      </td>
                      <td className="py-2 pr-4 align-top">
                        {s.current ? (
                          <span>
                            {t('list.currentVersion', {
                              version: s.current.version,
                              date: formatDay(s.current.publishedAt!.slice(0, 10), locale),
                            })}
                          </span>
                        ) : (
                          <span className="text-amber-800">{t('list.notPublished')}</span>
                        )}
                        {s.draft && (
                          <span className="block text-xs text-slate-500">
                            {t('list.draft', { version: s.draft.version })}
                          </span>
                        )}
                      </td>
                      <td className="py-2 pr-4 text-right align-top tabular-nums">{s.runningFiles}</td>
                      <td className="py-2 pr-4 align-top">
                        {shown ? rulesSummary(shown.rules, t, money, creditorName).join(' · ') : '—'}
                        {shown && shown.priority > 0 && (
                          <span className="block text-xs text-slate-500">
                            {t('list.priority', { priority: shown.priority })}
                          </span>
                        )}
                      </td>
                      <td className="py-2 align-top text-xs text-slate-600">
                        {shown
                          ? `${t('list.stepCount', { count: shown.stepCount })} — ${shown.channels.map((c) => t(`channels.${c}`)).join(', ')}`
                          : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={card}>
        <h2 className={heading}>{t('create.title')}</h2>
        <NewScenarioForm action={createScenarioAction} />
      </section>
    </main>
  );
}
