'use client';

import { useTranslations } from 'next-intl';
import type { ImportView } from '@/lib/imports/queries';

// Reading and checking the rows take about a quarter of an import, writing them the rest (npm run bench -- import,
// 100,000 and 1,000,000 rows): one bar that only moves forward, whichever phase is under way.
const READING_SHARE = 0.25;

/**
 * Rows read against the expected total (an estimate from the file size until the preview counted them); once all
 * are read, the step being written, which on a million rows is most of the wait.
 */
export function ProgressBar({
  view,
}: {
  view: Pick<ImportView, 'status' | 'progressRows' | 'progressWriting' | 'totalRowsEstimate'>;
}) {
  const t = useTranslations('imports.progress');
  const rows = view.progressRows ?? 0;
  const writing = view.progressWriting;
  const total = Math.max(1, view.totalRowsEstimate ?? 1, rows);
  let share = READING_SHARE * (rows / total);
  let text = t('rows', { rows, total });
  let note: string | null = null;
  if (writing) {
    share = READING_SHARE + (1 - READING_SHARE) * ((writing.index - 1) / writing.of);
    // A preview runs the same steps and then discards them: it counts, it saves nothing.
    const phase = view.status === 'PREVIEWING' ? 'counting' : 'writing';
    text = t(phase, { what: t(`steps.${writing.step}`), index: writing.index, of: writing.of });
    note = t('allRead', { rows });
  }
  const percent = Math.round(share * 100);
  return (
    <div>
      <div
        role="progressbar"
        aria-label={t('label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="mt-2 text-sm text-slate-600 tabular-nums">{text}</p>
      {note && <p className="text-xs text-slate-500 tabular-nums">{note}</p>}
    </div>
  );
}
