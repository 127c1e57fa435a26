'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useReasons } from '@/components/i18n/use-reasons';
import type { ImportView } from '@/lib/imports/queries';
import { errorText, importsHref, NETWORK_FAILURE, readError, WORKING } from './api';
import { ImportStatusBadge } from './import-status-badge';
import { ImportSummary } from './import-summary';
import { ProgressBar } from './progress-bar';

interface Props {
  initial: ImportView;
  basePath: string;
  /** Offered once previewed, when the file's columns can still be remapped. */
  onEditMapping?: (view: ImportView) => void;
}

const POLL_MS = 700;
const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'text-lg font-semibold tracking-tight';

/** Follows an import through preview, confirmation and the real run, polling while a job works on it. */
export function ImportProgress({ initial, basePath, onEditMapping }: Props) {
  const t = useTranslations('imports');
  const reasons = useReasons();
  const [view, setView] = useState(initial);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!WORKING.includes(view.status)) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/imports/${view.id}`, { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as ImportView;
        if (!cancelled) {
          setView(next);
          setFailures(0);
        }
      } catch {
        if (!cancelled) setFailures((n) => n + 1);
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [view, failures]);

  async function confirm() {
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch(`/api/imports/${view.id}/confirm`, { method: 'POST' });
      if (response.ok) setView((v) => ({ ...v, status: 'QUEUED', progressRows: 0, progressWriting: null }));
      else setProblem(t('preview.confirmFailed', { message: errorText(await readError(response), reasons.error) }));
    } catch {
      setProblem(t('preview.confirmFailed', { message: reasons.error(NETWORK_FAILURE) }));
    }
    setBusy(false);
  }

  const counts = view.counts;
  const filesHref = basePath === '' ? '/files' : basePath;
  return (
    <div className="space-y-4" data-testid="import-progress">
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <ImportStatusBadge status={view.status} label={t(`statuses.${view.status}`)} />
        {WORKING.includes(view.status) && <span>{t(`progress.${view.status}`)}</span>}
      </p>

      {WORKING.includes(view.status) && (
        <section className={card}>
          <ProgressBar view={view} />
          {failures >= 3 && <p className="mt-2 text-xs text-amber-700">{t('progress.pollFailed')}</p>}
        </section>
      )}

      {view.status === 'PREVIEWED' && counts && (
        <section className={card} aria-labelledby="preview-title">
          <h2 id="preview-title" className={heading}>
            {t('preview.title')}
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t('preview.intro')}</p>
          <ImportSummary counts={counts} />
          {counts.rows > 0 && counts.rejected === counts.rows ? (
            <p className="mt-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{t('preview.allRejected')}</p>
          ) : (
            counts.claims === 0 && (
              <p className="mt-4 rounded bg-sky-50 px-3 py-2 text-sm text-sky-800">{t('preview.nothingNew')}</p>
            )
          )}
          {problem && (
            <p role="alert" className="mt-4 rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
              {problem}
            </p>
          )}
          <div className="mt-5 flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={confirm}
              disabled={busy || counts.rejected === counts.rows}
              className="rounded bg-brand-700 px-5 py-2 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-60"
            >
              {busy ? t('preview.confirming') : t('preview.confirm')}
            </button>
            {onEditMapping && (
              <button
                type="button"
                onClick={() => onEditMapping(view)}
                className="rounded border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
              >
                {t('preview.editMapping')}
              </button>
            )}
          </div>
        </section>
      )}

      {view.status === 'DONE' && counts && (
        <section className={card} aria-labelledby="done-title">
          <h2 id="done-title" className={heading}>
            {t('done.title')}
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t('done.intro')}</p>
          <ImportSummary counts={counts} />
        </section>
      )}

      {(view.status === 'REFUSED' || view.status === 'FAILED') && (
        <section className={card}>
          <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {t(`refused.${view.status}`, {
              message: view.errorRef ? reasons.one(view.errorRef) : (view.error ?? t('refused.noDetail')),
            })}
          </p>
          {counts && (
            <div className="mt-4">
              <ImportSummary counts={counts} />
            </div>
          )}
        </section>
      )}

      {(view.status === 'DONE' || view.status === 'REFUSED' || view.status === 'FAILED') && (
        <nav className="flex flex-wrap items-center gap-3 text-sm">
          {counts && counts.rejected > 0 && view.status !== 'FAILED' && (
            <a
              href={`/api/imports/${view.id}/rejections`}
              download
              className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
            >
              {t('done.report')}
            </a>
          )}
          {view.status === 'DONE' && (
            <Link href={filesHref} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
              {t('done.files')}
            </Link>
          )}
          <Link href={importsHref(basePath)} className="text-slate-600 underline">
            {t('done.another')}
          </Link>
        </nav>
      )}
    </div>
  );
}
