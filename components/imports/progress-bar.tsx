'use client';

import { useTranslations } from 'next-intl';
import type { ImportView } from '@/lib/imports/queries';

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
  if (writing) {
    // A preview runs the same steps and then discards them: it counts, it saves nothing.
    const phase = view.status === 'PREVIEWING' ? 'counting' : 'writing';
    const text = t(phase, { what: t(`steps.${writing.step}`), index: writing.index, of: writing.of });
    return (
      <Bar label={t('label')} value={writing.index - 1} total={writing.of} text={text} note={t('allRead', { rows })} />
    );
  }
  const total = Math.max(1, view.totalRowsEstimate ?? 1, rows);
  return <Bar label={t('label')} value={rows} total={total} text={t('rows', { rows, total })} />;
}

function Bar({
  label,
  value,
  total,
  text,
  note,
}: {
  label: string;
  value: number;
  total: number;
  text: string;
  note?: string;
}) {
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={value}
        aria-valuetext={text}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
          style={{ width: `${Math.round((value / total) * 100)}%` }}
        />
      </div>
      <p className="mt-2 text-sm text-slate-600 tabular-nums">{text}</p>
      {note && <p className="text-xs text-slate-500 tabular-nums">{note}</p>}
    </div>
  );
}
