'use client';

import { useId, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useReasons } from '@/components/i18n/use-reasons';
import { errorText, importsHref, NETWORK_FAILURE, readError } from './api';

interface Props {
  /** The creditors the user may upload for; a creditor user has exactly one and sees no choice. */
  creditors: { id: string; name: string }[];
  basePath: string;
}

const ACCEPTED = /\.(csv|tsv|txt|xlsx)$/i;
const field = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

/**
 * Sends the file as the raw request body (the route streams it to storage), then opens the import's page
 * where the columns are checked. A refused file shows the server's reason and leaves nothing behind.
 */
export function UploadForm({ creditors, basePath }: Props) {
  const t = useTranslations('imports.upload');
  const reasons = useReasons();
  const router = useRouter();
  const hintId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const single = creditors.length === 1 ? creditors[0]! : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const creditorId = single?.id ?? String(form.get('creditorId') ?? '');
    const file = form.get('file');
    if (!creditorId) return setError(t('pickCreditor'));
    if (!(file instanceof File) || !file.name) return setError(t('pickFile'));
    if (!ACCEPTED.test(file.name)) return setError(t('badExtension'));
    if (file.size === 0) return setError(t('empty'));

    setBusy(true);
    setError(null);
    try {
      const query = new URLSearchParams({ creditorId, fileName: file.name });
      const response = await fetch(`/api/imports?${query}`, { method: 'POST', body: file });
      if (!response.ok) {
        const detail = await readError(response);
        setError(
          t('refused', {
            message: detail.ref ? reasons.error(detail.ref) : (detail.fields?.file ?? errorText(detail, reasons.error)),
          }),
        );
        setBusy(false);
        return;
      }
      const { importId } = (await response.json()) as { importId: string };
      router.push(importsHref(basePath, importId));
    } catch {
      setError(t('failed', { message: reasons.error(NETWORK_FAILURE) }));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="import-upload">
      <div className="flex flex-wrap items-end gap-4">
        {!single && (
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {t('creditor')}
            <select name="creditorId" defaultValue="" required className={field}>
              <option value="" disabled>
                {t('chooseCreditor')}
              </option>
              {creditors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t('file')}
          <input
            type="file"
            name="file"
            required
            accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
      <p id={hintId} className="text-xs text-slate-500">
        {t('hint')}
      </p>
      {error && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      )}
    </form>
  );
}
