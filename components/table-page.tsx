import type { ReactNode } from 'react';

/** A table cell's spacing, and a number's (right-aligned, digits of equal width). */
export const cell = 'py-2 pr-4';
export const numberCell = `${cell} text-right tabular-nums`;

export interface Column {
  label: string;
  /** Amounts and counts read right-aligned, under a right-aligned heading. */
  numeric?: boolean;
}

interface Props {
  title: string;
  intro: string;
  /** Said instead of the table when it has no row. */
  empty: string;
  columns: readonly Column[];
  testId: string;
  /** The rows (`<tr className={ROW}>`), none when the list is empty. */
  rows: readonly ReactNode[];
  /** What the page shows under its list (a second list of the same subject). */
  after?: ReactNode;
}

export const ROW = 'border-t border-slate-100 align-top';

/** A page that is a title, a line saying what it lists, and the list as one table in a card (or why it is empty). */
export function TablePage({ title, intro, empty, columns, testId, rows, after }: Props) {
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{intro}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{empty}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid={testId}>
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                {columns.map((c) => (
                  <th key={c.label} className={c.numeric ? `${cell} text-right` : cell}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        )}
      </section>
      {after}
    </main>
  );
}
