'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatWholeMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';

export interface LoadPoint {
  name: string;
  /** Amount still owed, in euros (the axis unit). */
  amount: number;
  files: number;
  due: number;
}

interface Props {
  data: LoadPoint[];
  labels: { amount: string; files: string; due: string };
  locale: string;
}

/** Each staff member's open files as bars of amount still owed; the tooltip adds file counts. */
export function LoadChart({ data, labels, locale }: Props) {
  const l = toLocale(locale);
  return (
    <div className="h-72 w-full" data-testid="load-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
          <YAxis tickFormatter={(v: number) => `${formatCount(v, l, true)} €`} tick={{ fontSize: 12 }} width={72} />
          <Tooltip
            formatter={(value, _name, item) => {
              const p = item.payload as LoadPoint;
              return [
                `${formatWholeMoney(Number(value) * 100, 'EUR', l)} · ${p.files} ${labels.files} · ${p.due} ${labels.due}`,
                labels.amount,
              ];
            }}
          />
          <Bar dataKey="amount" name={labels.amount} fill="#185a4b" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
