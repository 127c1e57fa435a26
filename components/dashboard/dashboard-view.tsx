import { getTranslations } from 'next-intl/server';
import { formatCount, formatMoney, formatPercent, formatShortDay, formatShortMonth } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { Dashboard } from '@/lib/reports/dashboard-data';
import { DEFINITIONS, type DefinitionKey } from '@/lib/reports/rules';
import type { ExportSection } from '@/lib/reports/schemas';
import { AgentsSection } from './agents-section';
import { chartEuros } from './chart-units';
import { ComboChart, CurvesChart } from './charts';
import { COLORS, PALETTE, PHASE_COLOR } from './colors';
import { DataTable } from './data-table';
import { RateSection } from './rate-section';
import { ScenariosSection } from './scenarios-section';
import { card, Section } from './section';

interface Props {
  data: Dashboard;
  locale: Locale;
  /** Query string of the filters in force, for the export links. */
  exportQuery: string;
  portal?: boolean;
  /** Link the unit costs under scenario effectiveness to their settings (managers and admins). */
  canEditCosts?: boolean;
}

export async function DashboardView({ data: d, locale, exportQuery, portal = false, canEditCosts = false }: Props) {
  const t = await getTranslations('dashboard');
  const tl = await getTranslations('dashboard.labels');
  const tp = await getTranslations('phase');
  const ts = await getTranslations('status');
  const def = (key: DefinitionKey) => DEFINITIONS[key][locale];
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const pct = (rate: number | null) => formatPercent(rate, locale);
  const count = (n: number) => formatCount(n, locale);
  const month = (m: string) => formatShortMonth(m, locale);
  const exportHref = (section: ExportSection) => `/api/reports/dashboard?${exportQuery}&format=csv&section=${section}`;

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
        <RateSection
          name="months"
          title={t('sections.months')}
          definition={def('placed')}
          exportHref={exportHref('months')}
          firstHeader={tl('placementMonth')}
          rows={d.months.map((m) => ({ ...m, label: month(m.month) }))}
          total={d.totals}
          locale={locale}
        />
        <RateSection
          name="breakdown"
          title={t('sections.breakdown', { by: byLabel })}
          definition={def(d.breakdown.by === 'ageBand' ? 'debtAge' : 'recoveryRate')}
          exportHref={exportHref('breakdown')}
          firstHeader={tl(`by.${d.breakdown.by}` as never)}
          rows={d.breakdown.rows.map((r) => ({ ...r, label: breakdownLabel(r.key, r.label) }))}
          wrapLabels={d.breakdown.rows.length > 4 ? 10 : 18}
          locale={locale}
        />
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
              recovered: chartEuros(c.recoveredCents),
              collected: chartEuros(c.collectedCents),
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
              outstanding: chartEuros(r.outstandingCents),
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
        <AgentsSection
          agents={d.agents}
          locale={locale}
          exportHref={exportHref('agents')}
          note={d.filters.creditorId ? t('agentsNote') : undefined}
        />
      )}

      {!portal && (
        <ScenariosSection
          scenarios={d.scenarios}
          channelCosts={d.channelCosts}
          canEditCosts={canEditCosts}
          locale={locale}
          exportHref={exportHref('scenarios')}
        />
      )}
    </div>
  );
}
