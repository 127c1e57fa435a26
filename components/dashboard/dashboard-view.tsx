import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { formatMoney, formatShortDay } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { Dashboard, TargetedMetric } from '@/lib/reports/dashboard-data';
import { DEFINITIONS, type DefinitionKey } from '@/lib/reports/rules';
import type { ExportSection } from '@/lib/reports/schemas';
import { ComboChart, CurvesChart } from './charts';
import { DataTable } from './data-table';

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';
const COLORS = {
  placed: '#94a3b8',
  recovered: '#185a4b',
  rate: '#d97706',
  collected: '#0e7490',
  count: '#6366f1',
};
const PALETTE = [
  '#185a4b',
  '#0e7490',
  '#6366f1',
  '#d97706',
  '#be123c',
  '#4d7c0f',
  '#7c3aed',
  '#0369a1',
  '#b45309',
  '#047857',
  '#9f1239',
  '#334155',
];
const PHASE_COLOR: Record<string, string> = {
  INTAKE: '#94a3b8',
  AMICABLE: '#0e7490',
  JUDICIAL: '#7c3aed',
  CLOSED: '#185a4b',
};

interface Props {
  data: Dashboard;
  locale: Locale;
  /** Query string of the filters in force, for the export links. */
  exportQuery: string;
  portal?: boolean;
  /** Link the unit costs under scenario effectiveness to their settings (managers and admins). */
  canEditCosts?: boolean;
}

function Section({
  title,
  definition,
  exportHref,
  testId,
  children,
  note,
}: {
  title: string;
  definition: string;
  exportHref?: string;
  testId: string;
  children: ReactNode;
  note?: string;
}) {
  return (
    <section className={card} data-testid={testId} id={testId}>
      <div className="flex items-baseline justify-between gap-4">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {exportHref && (
          <a href={exportHref} className="text-xs font-medium text-brand-700 hover:underline" download>
            CSV
          </a>
        )}
      </div>
      <p className="mt-1 text-xs leading-relaxed text-slate-500">{definition}</p>
      {note && <p className="mt-1 text-xs italic text-slate-500">{note}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

export async function DashboardView({ data: d, locale, exportQuery, portal = false, canEditCosts = false }: Props) {
  const t = await getTranslations('dashboard');
  const tl = await getTranslations('dashboard.labels');
  const tp = await getTranslations('phase');
  const ts = await getTranslations('status');
  const def = (key: DefinitionKey) => DEFINITIONS[key][locale];
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const pctFormat = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    // One decimal everywhere, so a column of rates lines up (33,0 % under 72,8 %).
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const pct = (rate: number | null) => (rate === null ? '—' : pctFormat.format(rate));
  const count = (n: number) => new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(n);
  const month = (m: string) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${m}T00:00:00Z`));
  const exportHref = (section: ExportSection) => `/api/reports/dashboard?${exportQuery}&format=csv&section=${section}`;
  const euros = (cents: number) => Math.round(cents) / 100;

  // Each figure says what it covers right under it; the full definition is in the title and beside the sections.
  const kpis: { key: string; label: string; value: string; definition: DefinitionKey; caption: string }[] = [
    {
      key: 'placed',
      label: t('kpi.placed'),
      value: money(d.totals.placedCents),
      definition: 'placed',
      caption: `${count(d.totals.files)} ${tl('files').toLowerCase()} · ${count(d.totals.claims)} ${tl('claims').toLowerCase()}`,
    },
    {
      key: 'recovered',
      label: t('kpi.recovered'),
      value: money(d.totals.recoveredCents),
      definition: 'recovered',
      caption: t('kpi.captions.recovered'),
    },
    {
      key: 'rate',
      label: t('kpi.rate'),
      value: pct(d.totals.rate),
      definition: 'recoveryRate',
      caption: t('kpi.captions.rate'),
    },
    {
      key: 'collected',
      label: t('kpi.collected'),
      value: money(d.totals.collectedCents),
      definition: 'collected',
      caption: t('kpi.captions.collected'),
    },
    {
      key: 'outstanding',
      label: t('kpi.outstanding'),
      value: money(d.aging.outstandingCents),
      definition: 'aging',
      caption: t('kpi.captions.outstanding', { date: d.aging.asOf ? formatShortDay(d.aging.asOf, locale) : '—' }),
    },
  ];

  const byLabel = tl(`by.${d.breakdown.by}` as never).toLowerCase();
  const breakdownLabel = (key: string, label: string) =>
    d.breakdown.by === 'phase'
      ? tp(key as never)
      : d.breakdown.by === 'ageBand'
        ? tl(`ageBands.${key}` as never)
        : d.breakdown.by === 'agent' && !label
          ? tl('unassigned')
          : label;

  // Cohort curves: x = months since placement, one series per month of placement.
  const span = Math.max(0, ...d.cohorts.map((c) => c.points.length));
  const curveData = Array.from({ length: span }, (_, k) => {
    const row: Record<string, number | string | null> = { x: `M${k}` };
    for (const c of d.cohorts) row[c.placedMonth] = c.points[k]?.rate ?? null;
    return row;
  });
  const curves = d.cohorts.map((c, i) => ({
    key: c.placedMonth,
    name: month(c.placedMonth),
    color: PALETTE[i % PALETTE.length]!,
  }));

  const metricKeys: { metric: TargetedMetric; label: string; money?: boolean }[] = [
    { metric: 'CALLS', label: tl('metrics.calls') },
    { metric: 'LETTERS', label: tl('metrics.letters') },
    { metric: 'PROMISES_MADE', label: tl('metrics.promisesMade') },
    { metric: 'PROMISES_KEPT', label: tl('metrics.promisesKept') },
    { metric: 'COLLECTED', label: tl('metrics.collected'), money: true },
  ];
  const totalsOf = (a: NonNullable<Dashboard['agents']>['rows'][number], m: TargetedMetric) =>
    ({
      CALLS: a.totals.calls,
      LETTERS: a.totals.letters,
      PROMISES_MADE: a.totals.promisesMade,
      PROMISES_KEPT: a.totals.promisesKept,
      COLLECTED: a.totals.collectedCents,
    })[m];

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="kpis">
        {kpis.map((k) => (
          <div key={k.key} className={card} data-testid={`kpi-${k.key}`} title={def(k.definition)}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{k.label}</p>
            <p className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid={`kpi-${k.key}-value`}>
              {k.value}
            </p>
            <p className="mt-1 text-[11px] text-slate-500" data-testid={`kpi-${k.key}-caption`}>
              {k.caption}
            </p>
          </div>
        ))}
      </div>

      <p className="text-xs leading-relaxed text-slate-500" data-testid="rate-definition">
        <span className="font-medium text-slate-600">{t('kpi.rate')} — </span>
        {def('recoveryRate')}
      </p>

      {d.totals.claims === 0 && (
        <p role="status" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t('empty')}
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Section
          title={t('sections.months')}
          definition={def('placed')}
          exportHref={exportHref('months')}
          testId="section-months"
        >
          <ComboChart
            testId="chart-months"
            locale={locale}
            xKey="label"
            data={d.months.map((m) => ({
              label: month(m.month),
              placed: euros(m.placedCents),
              recovered: euros(m.recoveredCents),
              rate: m.rate,
            }))}
            series={[
              { key: 'placed', name: tl('placed'), color: COLORS.placed, format: 'money' },
              { key: 'recovered', name: tl('recovered'), color: COLORS.recovered, format: 'money' },
              { key: 'rate', name: tl('rate'), color: COLORS.rate, format: 'percent', line: true },
            ]}
          />
          <DataTable
            testId="table-months"
            columns={[
              { header: tl('placementMonth') },
              { header: tl('files'), align: 'right' },
              { header: tl('placed'), align: 'right' },
              { header: tl('recovered'), align: 'right' },
              { header: tl('rate'), align: 'right' },
            ]}
            rows={d.months.map((m) => [
              month(m.month),
              count(m.files),
              money(m.placedCents),
              money(m.recoveredCents),
              pct(m.rate),
            ])}
            footer={[
              'Total',
              count(d.totals.files),
              money(d.totals.placedCents),
              money(d.totals.recoveredCents),
              pct(d.totals.rate),
            ]}
          />
        </Section>

        <Section
          title={t('sections.breakdown', { by: byLabel })}
          definition={def(d.breakdown.by === 'ageBand' ? 'debtAge' : 'recoveryRate')}
          exportHref={exportHref('breakdown')}
          testId="section-breakdown"
        >
          <ComboChart
            testId="chart-breakdown"
            locale={locale}
            xKey="label"
            wrapLabels={d.breakdown.rows.length > 4 ? 10 : 18}
            data={d.breakdown.rows.map((r) => ({
              label: breakdownLabel(r.key, r.label),
              placed: euros(r.placedCents),
              recovered: euros(r.recoveredCents),
              rate: r.rate,
            }))}
            series={[
              { key: 'placed', name: tl('placed'), color: COLORS.placed, format: 'money' },
              { key: 'recovered', name: tl('recovered'), color: COLORS.recovered, format: 'money' },
              { key: 'rate', name: tl('rate'), color: COLORS.rate, format: 'percent', line: true },
            ]}
          />
          <DataTable
            testId="table-breakdown"
            columns={[
              { header: tl(`by.${d.breakdown.by}` as never) },
              { header: tl('files'), align: 'right' },
              { header: tl('placed'), align: 'right' },
              { header: tl('recovered'), align: 'right' },
              { header: tl('rate'), align: 'right' },
            ]}
            rows={d.breakdown.rows.map((r) => [
              breakdownLabel(r.key, r.label),
              count(r.files),
              money(r.placedCents),
              money(r.recoveredCents),
              pct(r.rate),
            ])}
          />
        </Section>
      </div>

      <Section
        title={t('sections.cohorts')}
        definition={def('cohort')}
        exportHref={exportHref('cohorts')}
        testId="section-cohorts"
      >
        <CurvesChart
          testId="chart-cohorts"
          locale={locale}
          data={curveData}
          curves={curves}
          xLabel={t('charts.monthsSince')}
        />
        <DataTable
          testId="table-cohorts"
          columns={[
            { header: tl('placementMonth') },
            { header: tl('placed'), align: 'right' },
            ...Array.from({ length: span }, (_, k) => ({ header: `M${k}`, align: 'right' as const })),
          ]}
          rows={d.cohorts.map((c) => [
            month(c.placedMonth),
            money(c.placedCents),
            ...Array.from({ length: span }, (_, k) => (c.points[k] ? pct(c.points[k].rate) : '')),
          ])}
        />
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section
          title={t('sections.collections')}
          definition={def('collected')}
          exportHref={exportHref('collections')}
          testId="section-collections"
        >
          <ComboChart
            testId="chart-collections"
            locale={locale}
            xKey="label"
            data={d.collections.map((c) => ({
              label: month(c.month),
              recovered: euros(c.recoveredCents),
              collected: euros(c.collectedCents),
            }))}
            series={[
              { key: 'collected', name: tl('collected'), color: COLORS.collected, format: 'money' },
              { key: 'recovered', name: tl('recovered'), color: COLORS.recovered, format: 'money' },
            ]}
          />
          <DataTable
            testId="table-collections"
            columns={[
              { header: tl('paidMonth') },
              { header: tl('collected'), align: 'right' },
              { header: tl('recovered'), align: 'right' },
            ]}
            rows={d.collections.map((c) => [month(c.month), money(c.collectedCents), money(c.recoveredCents)])}
          />
        </Section>

        <Section
          title={t('sections.aging', { date: d.aging.asOf ? formatShortDay(d.aging.asOf, locale) : '—' })}
          definition={def('aging')}
          exportHref={exportHref('aging')}
          testId="section-aging"
        >
          <ComboChart
            testId="chart-aging"
            locale={locale}
            xKey="label"
            wrapLabels={12}
            data={d.aging.rows.map((r) => ({
              label: tl(`buckets.${r.bucket}` as never),
              outstanding: euros(r.outstandingCents),
              claims: r.claims,
            }))}
            series={[
              { key: 'outstanding', name: tl('outstanding'), color: COLORS.recovered, format: 'money' },
              { key: 'claims', name: tl('claims'), color: COLORS.count, format: 'count', line: true },
            ]}
          />
          <DataTable
            testId="table-aging"
            columns={[
              { header: tl('bucket') },
              { header: tl('claims'), align: 'right' },
              { header: tl('outstanding'), align: 'right' },
            ]}
            rows={d.aging.rows.map((r) => [
              tl(`buckets.${r.bucket}` as never),
              count(r.claims),
              money(r.outstandingCents),
            ])}
            footer={['Total', count(d.aging.claims), money(d.aging.outstandingCents)]}
          />
        </Section>
      </div>

      <Section
        title={t('sections.statuses')}
        definition={def('statuses')}
        exportHref={exportHref('statuses')}
        testId="section-statuses"
      >
        <div className="grid gap-4 lg:grid-cols-2">
          <ComboChart
            testId="chart-statuses"
            locale={locale}
            xKey="label"
            slantLabels
            data={d.statuses.map((s) => ({ label: ts(s.status), [s.phase]: s.files }))}
            series={(['INTAKE', 'AMICABLE', 'JUDICIAL', 'CLOSED'] as const)
              .filter((p) => d.statuses.some((s) => s.phase === p))
              .map((p) => ({
                key: p,
                name: tp(p),
                color: PHASE_COLOR[p]!,
                format: 'count' as const,
                stack: 'phase',
              }))}
          />
          <DataTable
            testId="table-statuses"
            columns={[
              { header: tl('phase') },
              { header: tl('status') },
              { header: tl('files'), align: 'right' },
              { header: tl('placed'), align: 'right' },
              { header: tl('recovered'), align: 'right' },
            ]}
            rows={d.statuses.map((s) => [
              tp(s.phase),
              ts(s.status),
              count(s.files),
              money(s.placedCents),
              money(s.recoveredCents),
            ])}
            footer={[
              'Total',
              '',
              count(d.statuses.reduce((n, s) => n + s.files, 0)),
              money(d.statuses.reduce((n, s) => n + s.placedCents, 0)),
              money(d.statuses.reduce((n, s) => n + s.recoveredCents, 0)),
            ]}
          />
        </div>
      </Section>

      {!portal && d.agents && (
        <Section
          title={t('sections.agents')}
          definition={`${def('agentActivity')} ${def('targetAttainment')}`}
          exportHref={exportHref('agents')}
          testId="section-agents"
          note={d.filters.creditorId ? t('agentsNote') : undefined}
        >
          {d.agents.rows.length === 0 ? (
            <p className="text-sm text-slate-500">{t('noAgents')}</p>
          ) : (
            <>
              <p className="mb-1 text-xs font-medium text-slate-600">
                {t('charts.perPeriod', { grain: t(`grains.${d.agents.grain}`) })}
              </p>
              <ComboChart
                testId="chart-activity"
                locale={locale}
                xKey="label"
                height={240}
                data={d.agents.periods.map((p) => ({
                  label: d.agents!.grain === 'month' ? month(p.period) : formatShortDay(p.period, locale),
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
                    color: '#be123c',
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
                data={d.agents.rows.map((a) => ({
                  label: a.name,
                  ...Object.fromEntries(metricKeys.map((m) => [m.metric, a.attainment[m.metric]])),
                }))}
                series={metricKeys.map((m, i) => ({
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
                  ...metricKeys.map((m) => ({
                    header: `${m.label} (${tl('target').toLowerCase()})`,
                    align: 'right' as const,
                  })),
                  { header: tl('metrics.emails'), align: 'right' },
                  { header: tl('promiseKeptRate'), align: 'right' },
                ]}
                rows={d.agents.rows.map((a) => [
                  a.name,
                  ...metricKeys.map((m) => {
                    const actual = totalsOf(a, m.metric);
                    const target = a.targets[m.metric];
                    const show = (n: number) => (m.money ? money(n) : count(n));
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
      )}

      {!portal && (
        <Section
          title={t('sections.scenarios')}
          definition={def('scenario')}
          exportHref={exportHref('scenarios')}
          testId="section-scenarios"
        >
          {d.channelCosts && (
            <p className="mb-3 text-xs leading-relaxed text-slate-500" data-testid="unit-costs">
              <span className="font-medium text-slate-600">{t('costs.inForce')} : </span>
              {(Object.entries(d.channelCosts) as [string, number][])
                .map(([c, cents]) => `${tl(`channels.${c}` as never)} ${money(cents)}`)
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
          {!d.scenarios || d.scenarios.length === 0 ? (
            <p className="text-sm text-slate-500">{t('noScenarios')}</p>
          ) : (
            <>
              <p className="mb-1 text-xs font-medium text-slate-600">{t('charts.scenarioCompare')}</p>
              {d.scenarios.every((v) => v.matureRate === null) && (
                <p className="mb-1 text-xs italic text-slate-500">{t('charts.noMatureVersion')}</p>
              )}
              {/* Rates and costs side by side: recovered euros against a few euros of postage would flatten the costs. */}
              <ComboChart
                testId="chart-scenarios"
                locale={locale}
                xKey="label"
                wrapLabels={22}
                data={d.scenarios.map((v) => ({
                  label: `${v.name} v${v.version}`,
                  matureRate: v.matureRate,
                  costPer100: v.costPer100 === null ? null : euros(v.costPer100),
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
                rows={d.scenarios.flatMap((v) => [
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
                    `${s.stepIndex + 1}. ${tl.has(`channels.${s.channel}` as never) ? tl(`channels.${s.channel}` as never) : s.channel}`,
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
      )}
    </div>
  );
}
