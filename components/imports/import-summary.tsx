'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useReasons } from '@/components/i18n/use-reasons';
import type { ImportSummary as Summary } from '@/lib/imports/process-import';

const COUNTS = ['rows', 'files', 'claims', 'updates', 'duplicates', 'warned', 'rejected'] as const;

/**
 * What an import did (or would do), then the first rejected rows with the reason for each, and apart from them
 * the first rows placed with a warning (an identifier left out).
 */
export function ImportSummary({ counts }: { counts: Summary }) {
  const t = useTranslations('imports');
  const format = useFormatter();
  const number = { format: (n: number) => format.number(n) };
  const sample = counts.sample ?? [];
  const reasons = useReasons();
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {COUNTS.map((key) => {
          const alarm = key === 'rejected' && counts.rejected > 0;
          const caution = key === 'warned' && (counts.warned ?? 0) > 0;
          return (
            <div
              key={key}
              className={`rounded-lg border p-3 ${alarm ? 'border-rose-200 bg-rose-50' : caution ? 'border-amber-200 bg-amber-50' : 'border-slate-200 bg-white'}`}
            >
              <dt className={`text-xs font-medium ${alarm ? 'text-rose-800' : 'text-slate-500'}`}>
                {t(`counts.${key}`)}
              </dt>
              <dd
                className={`mt-1 text-2xl font-semibold tabular-nums ${alarm ? 'text-rose-800' : 'text-slate-900'}`}
                data-testid={`count-${key}`}
              >
                {number.format(counts[key] ?? 0)}
              </dd>
            </div>
          );
        })}
      </dl>
      {sample.length > 0 && (
        <RowsTable
          testId="rejected-rows"
          title={t('rejections.title')}
          note={
            counts.rejected > sample.length
              ? t('rejections.firstOnes', { shown: sample.length, total: counts.rejected })
              : null
          }
          what={t('rejections.reason')}
          rows={sample.map((r) => ({ rowNumber: r.rowNumber, text: r.issues ? reasons.issues(r.issues) : r.reason }))}
        />
      )}
      {(counts.warningSample?.length ?? 0) > 0 && (
        <RowsTable
          testId="warned-rows"
          title={t('warnings.title')}
          note={t('warnings.hint')}
          what={t('warnings.what')}
          tone="text-amber-900"
          rows={counts.warningSample!.map((r) => ({ rowNumber: r.rowNumber, text: reasons.issues(r.issues) }))}
        />
      )}
    </>
  );
}

/** Rows of the file by number, with what is said of each: the refused ones, or the ones placed with a warning. */
function RowsTable({
  testId,
  title,
  note,
  what,
  tone = 'text-slate-800',
  rows,
}: {
  testId: string;
  title: string;
  note: string | null;
  what: string;
  tone?: string;
  rows: { rowNumber: number; text: string }[];
}) {
  const t = useTranslations('imports');
  return (
    <section className="mt-5">
      <h3 className={`text-sm font-semibold ${tone}`}>
        {title}
        {note && <span className="ml-2 font-normal text-slate-500">{note}</span>}
      </h3>
      <table className="mt-2 w-full text-sm" data-testid={testId}>
        <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="w-20 py-1.5 font-medium">
              {t('rejections.row')}
            </th>
            <th scope="col" className="py-1.5 font-medium">
              {what}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.rowNumber}>
              <td className="py-1.5 tabular-nums">{r.rowNumber}</td>
              <td className="py-1.5 text-slate-700">{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
