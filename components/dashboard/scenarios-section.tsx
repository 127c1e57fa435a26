import { getTranslations } from 'next-intl/server';
import { formatCount, formatMoney, formatPercent } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { Dashboard } from '@/lib/reports/dashboard-data';
import { DEFINITIONS } from '@/lib/reports/rules';
import { chartEuros } from './chart-units';
import { ComboChart } from './charts';
import { COLORS } from './colors';
import { DataTable } from './data-table';
import { Section } from './section';

/** Scenario versions side by side: 90-day rate and cost to recover €100, then every step's counts and costs. */
export async function ScenariosSection({
  scenarios,
  channelCosts,
  canEditCosts,
  locale,
  exportHref,
}: {
  scenarios: Dashboard['scenarios'];
  channelCosts: Dashboard['channelCosts'];
  canEditCosts: boolean;
  locale: Locale;
  exportHref: string;
}) {
  const t = await getTranslations('dashboard');
  const tl = await getTranslations('dashboard.labels');
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const count = (n: number) => formatCount(n, locale);
  const pct = (rate: number | null) => formatPercent(rate, locale);
  const channel = (c: string) => (tl.has(`channels.${c}` as never) ? tl(`channels.${c}` as never) : c);
  return (
    <Section
      title={t('sections.scenarios')}
      definition={DEFINITIONS.scenario[locale]}
      exportHref={exportHref}
      testId="section-scenarios"
    >
      {channelCosts && (
        <p className="mb-3 text-xs leading-relaxed text-slate-500" data-testid="unit-costs">
          <span className="font-medium text-slate-600">{t('costs.inForce')} : </span>
          {(Object.entries(channelCosts) as [string, number][])
            .map(([c, cents]) => `${channel(c)} ${money(cents)}`)
            .join(' · ')}
          {canEditCosts && (
            <>
              {' — '}
              <a href="/dashboard/costs" className="font-medium text-brand-700 hover:underline">
                {t('costs.edit')}
              </a>
            </>
          )}
        </p>
      )}
      {!scenarios || scenarios.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noScenarios')}</p>
      ) : (
        <>
          <p className="mb-1 text-xs font-medium text-slate-600">{t('charts.scenarioCompare')}</p>
          {scenarios.every((v) => v.matureRate === null) && (
            <p className="mb-1 text-xs italic text-slate-500">{t('charts.noMatureVersion')}</p>
          )}
          {/* Rates and costs side by side: recovered euros against a few euros of postage would flatten the costs. */}
          <ComboChart
            testId="chart-scenarios"
            locale={locale}
            xKey="label"
            wrapLabels={22}
            data={scenarios.map((v) => ({
              label: `${v.name} v${v.version}`,
              matureRate: v.matureRate,
              costPer100: v.costPer100 === null ? null : chartEuros(v.costPer100),
            }))}
            series={[
              { key: 'matureRate', name: tl('matureRate'), color: COLORS.recovered, format: 'percent' },
              { key: 'costPer100', name: tl('costPer100'), color: COLORS.rate, format: 'money' },
            ]}
          />
          <DataTable
            testId="table-scenarios"
            columns={[
              { header: tl('scenario') },
              { header: tl('step') },
              { header: tl('files'), align: 'right' },
              { header: tl('executed'), align: 'right' },
              { header: tl('skipped'), align: 'right' },
              { header: tl('unitCost'), align: 'right' },
              { header: tl('cost'), align: 'right' },
              { header: tl('recovered'), align: 'right' },
              { header: tl('rate'), align: 'right' },
              { header: tl('matureRate'), align: 'right' },
              { header: tl('costPer100'), align: 'right' },
            ]}
            rows={scenarios.flatMap((v) => [
              [
                `${v.name} v${v.version}`,
                tl('allSteps'),
                count(v.files),
                '',
                '',
                '',
                money(v.costCents),
                money(v.recoveredCents),
                pct(v.rate),
                v.matureFiles === 0
                  ? '—'
                  : `${pct(v.matureRate)} (${count(v.matureFiles)} ${tl('files').toLowerCase()})`,
                v.costPer100 === null ? '—' : money(v.costPer100),
              ],
              ...v.steps.map((s) => [
                '',
                `${s.stepIndex + 1}. ${channel(s.channel)}`,
                count(s.files),
                count(s.executed),
                count(s.skipped),
                money(s.unitCostCents),
                money(s.costCents),
                money(s.recoveredCents),
                '',
                '',
                s.costPer100 === null ? '—' : money(s.costPer100),
              ]),
            ])}
          />
        </>
      )}
    </Section>
  );
}
