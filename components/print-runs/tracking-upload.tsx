'use client';

import { useId, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useReasons } from '@/components/i18n/use-reasons';
import type { MessageRef, RowIssue } from '@/lib/i18n/message-ref';

const ACCEPTED = /\.(csv|tsv|txt|xlsx)$/i;

interface Problem extends RowIssue {
  row: number;
}

type Outcome =
  | { kind: 'recorded'; rows: number; recorded: number; unchanged: number; empty: number }
  | { kind: 'refused'; problems: Problem[]; more: number }
  | { kind: 'error'; message: string };

/**
 * Sends the mailing house's file as the raw request body to /api/registered-mail. All or nothing on the server:
 * a refused file lists every bad line here (row, the file's own column header, the problem in the reader's
 * language) and nothing was recorded.
 */
export function TrackingUpload() {
  const t = useTranslations('outbox.tracking');
  const reasons = useReasons();
  const router = useRouter();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('file');
    if (!(file instanceof File) || !file.name) return setOutcome({ kind: 'error', message: t('pickFile') });
    if (!ACCEPTED.test(file.name)) return setOutcome({ kind: 'error', message: t('badExtension') });
    setBusy(true);
    setOutcome(null);
    try {
      const response = await fetch(`/api/registered-mail?${new URLSearchParams({ fileName: file.name })}`, {
        method: 'POST',
        body: file,
      });
      const body = (await response.json().catch(() => null)) as {
        problems?: Problem[];
        more?: number;
        error?: { message?: string; ref?: MessageRef };
        rows?: number;
        recorded?: number;
        unchanged?: number;
        empty?: number;
      } | null;
      if (response.ok && body) {
        setOutcome({
          kind: 'recorded',
          rows: body.rows ?? 0,
          recorded: body.recorded ?? 0,
          unchanged: body.unchanged ?? 0,
          empty: body.empty ?? 0,
        });
        router.refresh();
      } else if (body?.problems) {
        setOutcome({ kind: 'refused', problems: body.problems, more: body.more ?? 0 });
      } else {
        const ref = body?.error?.ref ?? { key: 'errors.request.http', values: { status: String(response.status) } };
        const message = reasons.error(ref);
        setOutcome({ kind: 'error', message: t('fileRefused', { message }) });
      }
    } catch {
      setOutcome({
        kind: 'error',
        message: t('failed', { message: reasons.error({ key: 'errors.request.network' }) }),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="tracking-upload">
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t('file')}
          <input
            type="file"
            name="file"
            required
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={hintId}
            className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-60"
        >
          {busy ? t('submitting') : t('submit')}
        </button>
      </div>
      <p id={hintId} className="max-w-4xl text-xs text-slate-500">
        {t('columns')}
      </p>
      {outcome?.kind === 'recorded' && (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('recorded', outcome)}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'refused' && (
        <div role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <p className="font-medium">{t('refused', { count: outcome.problems.length + outcome.more })}</p>
          <table className="mt-2 w-full text-left text-sm" data-testid="tracking-problems">
            <thead className="text-xs text-rose-700 uppercase">
              <tr>
                <th className="py-1 pr-4">{t('row')}</th>
                <th className="py-1 pr-4">{t('column')}</th>
                <th className="py-1">{t('problem')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.problems.map((p, i) => (
                <tr key={i} className="border-t border-rose-100 align-top" data-row={p.row}>
                  <td className="py-1 pr-4 tabular-nums">{p.row}</td>
                  <td className="py-1 pr-4">{p.label}</td>
                  <td className="py-1">{reasons.one(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.more > 0 && <p className="mt-2">{t('more', { count: outcome.more })}</p>}
        </div>
      )}
    </form>
  );
}
