import { getTranslations } from 'next-intl/server';
import { formatCount, formatMoney, formatPercent, formatShortDay, formatShortMonth } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { Dashboard, TargetedMetric } from '@/lib/reports/dashboard-data';
import { DEFINITIONS, type DefinitionKey } from '@/lib/reports/rules';
import { ComboChart } from './charts';
import { COLORS, PALETTE } from './colors';
import { DataTable } from './data-table';
import { Section } from './section';

type Agents = NonNullable<Dashboard['agents']>;
type AgentRow = Agents['rows'][number];

const METRICS: { metric: TargetedMetric; label: string; money?: boolean; actual: (a: AgentRow) => number }[] = [
  { metric: 'CALLS', label: 'metrics.calls', actual: (a) => a.totals.calls },
  { metric: 'LETTERS', label: 'metrics.letters', actual: (a) => a.totals.letters },
  { metric: 'PROMISES_MADE', label: 'metrics.promisesMade', actual: (a) => a.totals.promisesMade },
  { metric: 'PROMISES_KEPT', label: 'metrics.promisesKept', actual: (a) => a.totals.promisesKept },
  { metric: 'COLLECTED', label: 'metrics.collected', money: true, actual: (a) => a.totals.collectedCents },
];

/** Agent activity against the manager's targets: per period for the team, then per agent. */
export async function AgentsSection({
  agents,
  locale,
  exportHref,
  note,
}: {
  agents: Agents;
  locale: Locale;
  exportHref: string;
  note?: string;
}) {
  const t = await getTranslations('dashboard');
  const tl = await getTranslations('dashboard.labels');
  const def = (key: DefinitionKey) => DEFINITIONS[key][locale];
  const count = (n: number) => formatCount(n, locale);
  const pct = (rate: number | null) => formatPercent(rate, locale);
  const metrics = METRICS.map((m) => ({ ...m, label: tl(m.label as never) }));
  return (
    <Section
      title={t('sections.agents')}
      definition={`${def('agentActivity')} ${def('targetAttainment')}`}
      exportHref={exportHref}
      testId="section-agents"
      note={note}
    >
      {agents.rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noAgents')}</p>
      ) : (
        <>
          <p className="mb-1 text-xs font-medium text-slate-600">
            {t('charts.perPeriod', { grain: t(`grains.${agents.grain}`) })}
          </p>
          <ComboChart
            testId="chart-activity"
            locale={locale}
            xKey="label"
            height={240}
            data={agents.periods.map((p) => ({
              label: agents.grain === 'month' ? formatShortMonth(p.period, locale) : formatShortDay(p.period, locale),
              calls: p.metrics.calls,
              letters: p.metrics.letters,
              kept: p.metrics.promisesKept,
              callsTarget: p.targets.CALLS ?? null,
            }))}
            series={[
              { key: 'calls', name: tl('metrics.calls'), color: PALETTE[0]!, format: 'count' },
              { key: 'letters', name: tl('metrics.letters'), color: PALETTE[1]!, format: 'count' },
              { key: 'kept', name: tl('metrics.promisesKept'), color: PALETTE[3]!, format: 'count' },
              {
                key: 'callsTarget',
                name: `${tl('target')} — ${tl('metrics.calls')}`,
                color: COLORS.target,
                format: 'count',
                line: true,
              },
            ]}
          />
          <p className="mb-1 mt-4 text-xs font-medium text-slate-600">{t('charts.attainment')}</p>
          <ComboChart
            testId="chart-agents"
            locale={locale}
            xKey="label"
            wrapLabels={18}
            data={agents.rows.map((a) => ({
              label: a.name,
              ...Object.fromEntries(metrics.map((m) => [m.metric, a.attainment[m.metric]])),
            }))}
            series={metrics.map((m, i) => ({
              key: m.metric,
              name: m.label,
              color: PALETTE[i]!,
              format: 'percent' as const,
            }))}
          />
          <DataTable
            testId="table-agents"
            columns={[
              { header: tl('agent') },
              ...metrics.map((m) => ({
                header: `${m.label} (${tl('target').toLowerCase()})`,
                align: 'right' as const,
              })),
              { header: tl('metrics.emails'), align: 'right' },
              { header: tl('promiseKeptRate'), align: 'right' },
            ]}
            rows={agents.rows.map((a) => [
              a.name,
              ...metrics.map((m) => {
                const actual = m.actual(a);
                const target = a.targets[m.metric];
                const show = (n: number) => (m.money ? formatMoney(n, 'EUR', locale) : count(n));
                return target === null
                  ? show(actual)
                  : `${show(actual)} / ${show(target)} (${pct(a.attainment[m.metric])})`;
              }),
              count(a.totals.emails),
              pct(a.promiseKeptRate),
            ])}
          />
          <p className="mt-2 text-xs text-slate-500">{def('promiseKeptRate')}</p>
        </>
      )}
    </Section>
  );
}
