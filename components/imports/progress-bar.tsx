'use client';

import { useTranslations } from 'next-intl';

/** Rows read against the expected total (an estimate from the file size until the preview counted them). */
export function ProgressBar({ rows, estimate }: { rows: number; estimate: number }) {
  const t = useTranslations('imports.progress');
  const total = Math.max(1, estimate, rows);
  const text = t('rows', { rows, total });
  return (
    <div>
      <div
        role="progressbar"
        aria-label={t('label')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={rows}
        aria-valuetext={text}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
          style={{ width: `${Math.round((rows / total) * 100)}%` }}
        />
      </div>
      <p className="mt-2 text-sm text-slate-600 tabular-nums">{text}</p>
    </div>
  );
}
