import { getTranslations } from 'next-intl/server';
import { formatCount, formatMoney, formatPercent } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { chartEuros } from './chart-units';
import { ComboChart } from './charts';
import { COLORS } from './colors';
import { DataTable } from './data-table';
import { Section } from './section';

export interface RateRow {
  label: string;
  files: number;
  placedCents: number;
  recoveredCents: number;
  rate: number | null;
}

/**
 * Placed and recovered amounts with the recovery rate over them, per month or per breakdown key: the chart and
 * its table read the same rows. `name` makes the test ids (section-, chart-, table-) and the export section.
 */
export async function RateSection({
  name,
  title,
  definition,
  exportHref,
  firstHeader,
  rows,
  total,
  wrapLabels,
  locale,
}: {
  name: string;
  title: string;
  definition: string;
  exportHref: string;
  firstHeader: string;
  rows: RateRow[];
  total?: Omit<RateRow, 'label'>;
  wrapLabels?: number;
  locale: Locale;
}) {
  const tl = await getTranslations('dashboard.labels');
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const cells = (r: Omit<RateRow, 'label'>) => [
    formatCount(r.files, locale),
    money(r.placedCents),
    money(r.recoveredCents),
    formatPercent(r.rate, locale),
  ];
  return (
    <Section title={title} definition={definition} exportHref={exportHref} testId={`section-${name}`}>
      <ComboChart
        testId={`chart-${name}`}
        locale={locale}
        xKey="label"
        wrapLabels={wrapLabels}
        data={rows.map((r) => ({
          label: r.label,
          placed: chartEuros(r.placedCents),
          recovered: chartEuros(r.recoveredCents),
          rate: r.rate,
        }))}
        series={[
          { key: 'placed', name: tl('placed'), color: COLORS.placed, format: 'money' },
          { key: 'recovered', name: tl('recovered'), color: COLORS.recovered, format: 'money' },
          { key: 'rate', name: tl('rate'), color: COLORS.rate, format: 'percent', line: true },
        ]}
      />
      <DataTable
        testId={`table-${name}`}
        columns={[
          { header: firstHeader },
          { header: tl('files'), align: 'right' },
          { header: tl('placed'), align: 'right' },
          { header: tl('recovered'), align: 'right' },
          { header: tl('rate'), align: 'right' },
        ]}
        rows={rows.map((r) => [r.label, ...cells(r)])}
        footer={total && ['Total', ...cells(total)]}
      />
    </Section>
  );
}
