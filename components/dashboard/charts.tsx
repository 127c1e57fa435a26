'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type XAxisTickContentProps,
} from 'recharts';
import { formatMoney, formatWholeMoney } from '@/lib/i18n/format';
import { formatterFor } from '@/lib/i18n/formatter';
import { toLocale } from '@/lib/i18n/locales';

// The dashboard's charts (recharts). Plain data in, already labelled and in display units (euros, not cents;
// percentages as fractions); every chart has its table under it on the page.

export type ChartFormat = 'money' | 'count' | 'percent';

export interface Series {
  key: string;
  name: string;
  color: string;
  format: ChartFormat;
  /** Draw as a line (on the right axis when the bars use another format). */
  line?: boolean;
  stack?: string;
}

interface ComboProps {
  data: Record<string, string | number | null>[];
  xKey: string;
  series: Series[];
  locale: string;
  testId: string;
  height?: number;
  /** Rotate long category labels (creditor names). */
  slantLabels?: boolean;
  /** Break category labels into lines of about this many characters (scenario names, aging buckets). */
  wrapLabels?: number;
}

/** Words of `text` gathered into lines of at most `max` characters (a longer word keeps its own line). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function WrappedTick({
  x,
  y,
  payload,
  max,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  max: number;
}) {
  const lines = wrapWords(String(payload?.value ?? ''), max).slice(0, 3);
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <text textAnchor="middle" fontSize={11} fill="#666">
        {lines.map((line, i) => (
          <tspan key={i} x={0} dy={i === 0 ? 12 : 13}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

function formatter(format: ChartFormat, locale: string, compact = false) {
  const l = toLocale(locale);
  const f = formatterFor(l);
  return (v: number) =>
    format === 'money'
      ? compact
        ? formatWholeMoney(v * 100, 'EUR', l, true)
        : formatMoney(Math.round(v * 100), 'EUR', l)
      : format === 'percent'
        ? f.number(v, { style: 'percent', maximumFractionDigits: 1 })
        : f.number(v, { maximumFractionDigits: 0, notation: compact ? 'compact' : 'standard' });
}

/** Bars and lines over categories; a second axis on the right when two formats share the chart. */
export function ComboChart({
  data,
  xKey,
  series,
  locale,
  testId,
  height = 288,
  slantLabels = false,
  wrapLabels,
}: ComboProps) {
  const wrappedLines = wrapLabels
    ? Math.min(3, Math.max(1, ...data.map((d) => wrapWords(String(d[xKey] ?? ''), wrapLabels).length)))
    : 0;
  const left = series[0]!.format;
  const rightSeries = series.find((s) => s.format !== left);
  const right = rightSeries?.format;
  const byKey = new Map(series.map((s) => [s.key, s]));
  return (
    <div className="w-full" style={{ height }} data-testid={testId} data-points={data.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: slantLabels ? 48 : 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          {wrapLabels ? (
            <XAxis
              dataKey={xKey}
              interval={0}
              height={14 + 13 * wrappedLines}
              tick={(props: XAxisTickContentProps) => <WrappedTick {...props} max={wrapLabels} />}
            />
          ) : (
            <XAxis
              dataKey={xKey}
              tick={{ fontSize: 11 }}
              // Few categories (phases) are all labelled; a long run of months keeps one in two.
              interval={slantLabels || data.length <= 6 ? 0 : 'preserveStartEnd'}
              angle={slantLabels ? -25 : 0}
              textAnchor={slantLabels ? 'end' : 'middle'}
            />
          )}
          <YAxis yAxisId="left" tickFormatter={formatter(left, locale, true)} tick={{ fontSize: 11 }} width={72} />
          {right && (
            <YAxis
              yAxisId="right"
              orientation="right"
              tickFormatter={formatter(right, locale, true)}
              tick={{ fontSize: 11 }}
              width={56}
            />
          )}
          <Tooltip
            formatter={(value, name, item) => {
              const s = byKey.get(String(item.dataKey)) ?? series.find((x) => x.name === name);
              return [
                value === null || value === undefined ? '—' : formatter(s?.format ?? left, locale)(Number(value)),
                name,
              ];
            }}
          />
          <Legend
            verticalAlign="top"
            wrapperStyle={{ fontSize: 12, paddingBottom: 4 }}
            itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)}
          />
          {series.map((s) =>
            s.line ? (
              <Line
                key={s.key}
                yAxisId={s.format === left ? 'left' : 'right'}
                type="linear"
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeWidth={2}
                dot={{ r: 3 }}
                connectNulls
                isAnimationActive={false}
              />
            ) : (
              <Bar
                key={s.key}
                yAxisId={s.format === left ? 'left' : 'right'}
                dataKey={s.key}
                name={s.name}
                fill={s.color}
                stackId={s.stack}
                radius={s.stack ? undefined : [3, 3, 0, 0]}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface Curve {
  key: string;
  name: string;
  color: string;
}

interface CurvesProps {
  /** One row per x value: { x, [curve key]: fraction | null }. */
  data: Record<string, string | number | null>[];
  curves: Curve[];
  xLabel: string;
  locale: string;
  testId: string;
}

/** Liquidation curves: cumulative recovery (fractions) by months since placement, one line per cohort. */
export function CurvesChart({ data, curves, xLabel, locale, testId }: CurvesProps) {
  const pct = formatter('percent', locale);
  return (
    <div className="h-80 w-full" data-testid={testId} data-curves={curves.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="x"
            tick={{ fontSize: 11 }}
            label={{ value: xLabel, position: 'insideBottom', offset: -12, fontSize: 11 }}
          />
          <YAxis tickFormatter={pct} tick={{ fontSize: 11 }} width={56} domain={[0, 'auto']} />
          <Tooltip formatter={(v, name) => [v === null || v === undefined ? '—' : pct(Number(v)), name]} />
          <Legend
            verticalAlign="top"
            wrapperStyle={{ fontSize: 11, paddingBottom: 4 }}
            itemSorter={(item) => curves.findIndex((c) => c.key === item.dataKey)}
          />
          {curves.map((c) => (
            <Line
              key={c.key}
              type="linear"
              dataKey={c.key}
              name={c.name}
              stroke={c.color}
              strokeWidth={1.6}
              // A month placed lately has one or two points: without dots it would not show at all.
              dot={data.filter((row) => row[c.key] !== null && row[c.key] !== undefined).length <= 2 ? { r: 3 } : false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
