'use client';

import { useTranslations } from 'next-intl';

interface Props {
  headers: string[];
  rows: string[][];
  /** Column index → the field it feeds, as the mapping currently stands. */
  labels: Record<string, string>;
}

/** The first rows as the file has them, each column tagged with the field it is mapped to. */
export function SampleTable({ headers, rows, labels }: Props) {
  const t = useTranslations('imports.mapping');
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">{t('sample')}</h2>
      {/* Wide files scroll sideways; the region takes focus so a keyboard can scroll it too. */}
      <div className="overflow-x-auto" role="region" aria-label={t('sample')} tabIndex={0}>
        <table className="w-full text-xs" data-testid="sample-table">
          <caption className="sr-only">{t('sampleCaption', { count: rows.length })}</caption>
          <thead className="border-b border-slate-200 text-left text-xs">
            <tr>
              {headers.map((header, i) => {
                const label = labels[String(i)];
                return (
                  <th
                    key={i}
                    scope="col"
                    className={`px-2 py-2 align-bottom font-medium ${label ? 'bg-brand-50' : ''}`}
                  >
                    <span className="block whitespace-nowrap text-slate-800">{header}</span>
                    <span
                      className={`block text-[11px] font-normal whitespace-nowrap ${label ? 'text-brand-700' : 'text-slate-400 italic'}`}
                    >
                      {label ? `→ ${label}` : t('notUsed')}
                    </span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, r) => (
              <tr key={r}>
                {headers.map((_, i) => (
                  <td
                    key={i}
                    className={`max-w-48 truncate px-2 py-1.5 whitespace-nowrap ${labels[String(i)] ? 'bg-brand-50/60' : 'text-slate-500'}`}
                  >
                    {row[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
