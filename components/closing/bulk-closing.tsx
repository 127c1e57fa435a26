'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { previewBulkClosingAction, startBulkClosingAction } from '@/app/actions/closing';
import { Choices, Field, FormFrame, type Failure } from '@/components/workspace/form-kit';
import type { BulkSelection } from '@/lib/closing/bulk-selection';
import { BULK_REASONS, type BulkReason } from '@/lib/closing/rules';

interface Progress {
  status: 'RUNNING' | 'DONE';
  total: number;
  closed: number;
  skipped: number;
}

/**
 * A bulk closing in two steps: the preview (what closes, what does not and why, the references that name no file),
 * then the closing itself, whose progress the page polls until the job is done.
 */
export function BulkClosing({ creditors }: { creditors: { id: string; name: string }[] }) {
  const t = useTranslations('closing');
  const tr = useTranslations('closing.refusals');
  const ts = useTranslations('status');
  const locale = useLocale();
  const router = useRouter();
  const [creditorId, setCreditorId] = useState('');
  const [reason, setReason] = useState<BulkReason | ''>('');
  const [references, setReferences] = useState('');
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<BulkSelection | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [batch, setBatch] = useState<{ id: string; progress: Progress; queued: boolean } | null>(null);
  const [pending, start] = useTransition();
  const input = { creditorId, reason, references, note };

  useEffect(() => {
    if (!batch || batch.progress.status === 'DONE') return;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/closings/batches/${batch.id}`).catch(() => null);
      if (response?.ok) {
        const progress = (await response.json()) as Progress;
        setBatch({ id: batch.id, progress, queued: batch.queued });
        if (progress.status === 'DONE') router.refresh();
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [batch, router]);

  return (
    <div className="space-y-4" data-testid="bulk-closing">
      <FormFrame
        testId="bulk-closing-form"
        onSubmit={() =>
          start(async () => {
            const answer = await previewBulkClosingAction(input);
            if (!answer.ok) return setError({ ...answer.error, fields: answer.error.fields ?? {} });
            setError(null);
            setPreview(answer.data);
          })
        }
        error={error}
        pending={pending}
        submitLabel={t('bulk.preview')}
      >
        <Field label={t('bulk.creditor')} name="creditorId" error={error}>
          {(p) => (
            <select {...p} value={creditorId} onChange={(e) => setCreditorId(e.target.value)}>
              <option value="">{t('form.choose')}</option>
              {creditors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Choices
          legend={t('bulk.reason')}
          name="reason"
          value={reason}
          options={BULK_REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
          onChange={setReason}
          error={error}
        />
        <Field label={t('bulk.references')} name="references" error={error} hint={t('bulk.referencesHint')} wide>
          {(p) => <textarea {...p} rows={4} value={references} onChange={(e) => setReferences(e.target.value)} />}
        </Field>
        <Field label={t('form.note')} name="note" error={error} wide>
          {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </FormFrame>

      {preview && !batch && (
        <div className="rounded border border-slate-200 p-3 text-sm" data-testid="bulk-preview">
          <p className="font-medium" data-testid="bulk-preview-count">
            {t('bulk.willClose', { count: preview.counts.closing, reason: t(`reasons.${preview.reason}`) })}
          </p>
          <ul className="mt-1 text-slate-600">
            {Object.entries(preview.counts.byStatus).map(([status, n]) => (
              <li key={status}>{t('bulk.fromStatus', { count: n, status: ts(status as 'NEW') })}</li>
            ))}
            {Object.entries(preview.counts.refused).map(([refusal, n]) => (
              <li key={refusal}>
                {t('bulk.refused', { count: n })}{' '}
                {tr.has(refusal as 'PLAN_ACTIVE') ? tr(refusal as 'PLAN_ACTIVE') : refusal}
              </li>
            ))}
            {preview.unknown.length > 0 && <li>{t('bulk.unknown', { refs: preview.unknown.join(', ') })}</li>}
          </ul>
          <div className="mt-2 max-h-64 overflow-auto">
            <table className="w-full text-xs">
              <tbody className="divide-y divide-slate-100">
                {preview.files.map((f) => (
                  <tr key={f.id} className={f.refusal ? 'text-slate-400' : ''}>
                    <td className="py-1 font-mono">{f.reference}</td>
                    <td className="py-1">{f.debtorName}</td>
                    <td className="py-1">{ts(f.status)}</td>
                    <td className="py-1 text-right tabular-nums">
                      {new Intl.NumberFormat(locale, { style: 'currency', currency: f.currency }).format(
                        f.principalCents / 100,
                      )}
                    </td>
                    <td className="py-1">{f.refusal ? t('bulk.stays') : t('bulk.closes')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            disabled={pending || preview.counts.closing === 0}
            data-testid="bulk-start"
            onClick={() =>
              start(async () => {
                const answer = await startBulkClosingAction(input);
                if (!answer.ok) return setError({ ...answer.error, fields: answer.error.fields ?? {} });
                setError(null);
                setBatch({
                  id: answer.data.batchId,
                  progress: { status: 'RUNNING', total: answer.data.total, closed: 0, skipped: 0 },
                  queued: answer.data.queued,
                });
              })
            }
            className="mt-3 rounded bg-rose-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-rose-900 disabled:opacity-60"
          >
            {t('bulk.start', { count: preview.counts.closing })}
          </button>
        </div>
      )}

      {batch && (
        <div className="rounded border border-slate-200 p-3 text-sm" role="status" data-testid="bulk-progress">
          <progress
            className="w-full"
            max={batch.progress.total}
            value={batch.progress.closed + batch.progress.skipped}
          />
          <p>
            {t('bulk.progress', {
              closed: batch.progress.closed,
              skipped: batch.progress.skipped,
              total: batch.progress.total,
              done: batch.progress.status === 'DONE' ? 'yes' : 'no',
            })}
          </p>
          {!batch.queued && batch.progress.status !== 'DONE' && (
            <p className="text-amber-800" data-testid="bulk-not-queued">
              {t('bulk.notQueued')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
