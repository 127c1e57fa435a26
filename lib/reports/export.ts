import { csvCell } from '../csv/cells';
import type { Dashboard } from './dashboard-data';
import { DEFINITIONS, type DefinitionKey, type ReportLocale } from './rules';
import type { ExportSection } from './schemas';
import type { CellFormat, Sheet } from './xlsx';

// The dashboard as tables: the same rows feed the CSV and XLSX downloads (and the monthly PDF). Labels come
// from the caller (the i18n catalogue), so this module stays free of UI concerns.

export interface ExportLabels {
  locale: ReportLocale;
  /** A column or sheet title from the `dashboard.export` catalogue. */
  text(key: string): string;
  phase(phase: string): string;
  status(status: string): string;
  channel(channel: string): string;
}

const SECTION_DEFINITION: Record<ExportSection, DefinitionKey> = {
  months: 'recoveryRate',
  breakdown: 'recoveryRate',
  cohorts: 'cohort',
  collections: 'collected',
  aging: 'aging',
  statuses: 'statuses',
  agents: 'agentActivity',
  scenarios: 'scenario',
};

type Col = [string, CellFormat];

function sheet(name: string, columns: Col[], rows: (string | number | null)[][]): Sheet {
  return { name, columns: columns.map(([header, format]) => ({ header, format })), rows };
}

export function dashboardSheets(d: Dashboard, l: ExportLabels, only?: ExportSection): Sheet[] {
  const t = l.text;
  const moneyCols: Col[] = [
    [t('files'), 'number'],
    [t('claims'), 'number'],
    [t('placed'), 'money'],
    [t('recovered'), 'money'],
    [t('rate'), 'percent'],
    [t('collected'), 'money'],
  ];
  const moneyRow = (m: Dashboard['totals']) => [
    m.files,
    m.claims,
    m.placedCents,
    m.recoveredCents,
    m.rate,
    m.collectedCents,
  ];

  const build: Record<ExportSection, () => Sheet | null> = {
    months: () =>
      sheet(
        t('sheetMonths'),
        [[t('placementMonth'), 'text'], ...moneyCols],
        d.months.map((m) => [m.month.slice(0, 7), ...moneyRow(m)]),
      ),
    breakdown: () =>
      sheet(
        t(`by.${d.breakdown.by}`),
        [[t(`by.${d.breakdown.by}`), 'text'], ...moneyCols],
        d.breakdown.rows.map((r) => [
          d.breakdown.by === 'phase'
            ? l.phase(r.key)
            : d.breakdown.by === 'agent' && !r.label
              ? t('unassigned')
              : r.label || r.key,
          ...moneyRow(r),
        ]),
      ),
    cohorts: () => {
      const span = Math.max(0, ...d.cohorts.map((c) => c.points.length));
      return sheet(
        t('sheetCohorts'),
        [
          [t('placementMonth'), 'text'],
          [t('placed'), 'money'],
          ...Array.from({ length: span }, (_, k): Col => [`M${k}`, 'percent']),
        ],
        d.cohorts.map((c) => [c.placedMonth.slice(0, 7), c.placedCents, ...c.points.map((p) => p.rate)]),
      );
    },
    collections: () =>
      sheet(
        t('sheetCollections'),
        [
          [t('paidMonth'), 'text'],
          [t('recovered'), 'money'],
          [t('collected'), 'money'],
        ],
        d.collections.map((c) => [c.month.slice(0, 7), c.recoveredCents, c.collectedCents]),
      ),
    aging: () =>
      sheet(
        t('sheetAging'),
        [
          [t('bucket'), 'text'],
          [t('claims'), 'number'],
          [t('outstanding'), 'money'],
          [t('asOf'), 'text'],
        ],
        d.aging.rows.map((r) => [t(`buckets.${r.bucket}`), r.claims, r.outstandingCents, d.aging.asOf]),
      ),
    statuses: () =>
      sheet(
        t('sheetStatuses'),
        [
          [t('phase'), 'text'],
          [t('status'), 'text'],
          [t('files'), 'number'],
          [t('placed'), 'money'],
          [t('recovered'), 'money'],
        ],
        d.statuses.map((s) => [l.phase(s.phase), l.status(s.status), s.files, s.placedCents, s.recoveredCents]),
      ),
    agents: () => {
      if (!d.agents) return null;
      const pair = (key: string, format: CellFormat): Col[] => [
        [t(`metrics.${key}`), format],
        [`${t('target')} — ${t(`metrics.${key}`)}`, format],
        [`${t('attainment')} — ${t(`metrics.${key}`)}`, 'percent'],
      ];
      return sheet(
        t('sheetAgents'),
        [
          [t('agent'), 'text'],
          ...pair('calls', 'number'),
          ...pair('letters', 'number'),
          [t('metrics.emails'), 'number'],
          ...pair('promisesMade', 'number'),
          ...pair('promisesKept', 'number'),
          [t('metrics.promisesBroken'), 'number'],
          [t('promiseKeptRate'), 'percent'],
          ...pair('collected', 'money'),
        ],
        d.agents.rows.map((a) => [
          a.name,
          a.totals.calls,
          a.targets.CALLS,
          a.attainment.CALLS,
          a.totals.letters,
          a.targets.LETTERS,
          a.attainment.LETTERS,
          a.totals.emails,
          a.totals.promisesMade,
          a.targets.PROMISES_MADE,
          a.attainment.PROMISES_MADE,
          a.totals.promisesKept,
          a.targets.PROMISES_KEPT,
          a.attainment.PROMISES_KEPT,
          a.totals.promisesBroken,
          a.promiseKeptRate,
          a.totals.collectedCents,
          a.targets.COLLECTED,
          a.attainment.COLLECTED,
        ]),
      );
    },
    scenarios: () => {
      if (!d.scenarios) return null;
      return sheet(
        t('sheetScenarios'),
        [
          [t('scenario'), 'text'],
          [t('version'), 'number'],
          [t('step'), 'text'],
          [t('channel'), 'text'],
          [t('files'), 'number'],
          [t('executed'), 'number'],
          [t('skipped'), 'number'],
          [t('failed'), 'number'],
          [t('unitCost'), 'money'],
          [t('cost'), 'money'],
          [t('placed'), 'money'],
          [t('recovered'), 'money'],
          [t('rate'), 'percent'],
          [t('matureFiles'), 'number'],
          [t('matureRate'), 'percent'],
          [t('costPer100'), 'money'],
        ],
        d.scenarios.flatMap((v) => [
          [
            v.name,
            v.version,
            t('allSteps'),
            '',
            v.files,
            null,
            null,
            null,
            null,
            v.costCents,
            v.placedCents,
            v.recoveredCents,
            v.rate,
            v.matureFiles,
            v.matureRate,
            v.costPer100,
          ],
          ...v.steps.map((s) => [
            v.name,
            v.version,
            String(s.stepIndex + 1),
            l.channel(s.channel),
            s.files,
            s.executed,
            s.skipped,
            s.failed,
            s.unitCostCents,
            s.costCents,
            null,
            s.recoveredCents,
            null,
            null,
            null,
            s.costPer100,
          ]),
        ]),
      );
    },
  };

  const sections = only ? [only] : (Object.keys(build) as ExportSection[]);
  const sheets = sections.map((s) => build[s]()).filter((s): s is Sheet => s !== null);
  if (!only) {
    sheets.push(
      sheet(
        t('sheetDefinitions'),
        [
          [t('metric'), 'text'],
          [t('definition'), 'text'],
        ],
        (Object.keys(DEFINITIONS) as DefinitionKey[]).map((k) => [t(`definitions.${k}`), DEFINITIONS[k][l.locale]]),
      ),
    );
  }
  return sheets;
}

export function sectionDefinition(section: ExportSection, locale: ReportLocale): string {
  return DEFINITIONS[SECTION_DEFINITION[section]][locale];
}

function csvValue(value: string | number | null, format: CellFormat, locale: ReportLocale): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  const decimal = (n: number, digits: number) => {
    const text = n.toFixed(digits);
    return locale === 'fr' ? text.replace('.', ',') : text;
  };
  if (format === 'money') return decimal(value / 100, 2);
  if (format === 'percent') return decimal(value * 100, 1);
  return String(value);
}

/**
 * One sheet as CSV: UTF-8 with a BOM and ';' so French Excel opens it; every cell quoted and neutralised
 * against formula injection (lib/csv/cells.ts). Money in euros, rates in percent.
 */
export function sheetToCsv(s: Sheet, locale: ReportLocale): string {
  const lines = [s.columns.map((c) => csvCell(c.header)).join(';')];
  for (const row of s.rows) {
    lines.push(row.map((v, i) => csvCell(csvValue(v, s.columns[i]?.format ?? 'text', locale))).join(';'));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
