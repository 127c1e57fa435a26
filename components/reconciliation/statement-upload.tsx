'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useReasons } from '@/components/i18n/use-reasons';
import type { MessageRef } from '@/lib/i18n/message-ref';

interface Counts {
  entries: number;
  credits: number;
  matched: number;
  doubtful: number;
  unmatched: number;
  duplicates: number;
}

/** Sends the bank's statement file as the raw body to /api/bank-statements and says what the import found. */
export function StatementUpload() {
  const t = useTranslations('reconciliation.upload');
  const reasons = useReasons();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ counts: Counts } | { error: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('file');
    if (!(file instanceof File) || !file.name) return setOutcome({ error: t('pickFile') });
    setBusy(true);
    setOutcome(null);
    try {
      const response = await fetch(`/api/bank-statements?${new URLSearchParams({ fileName: file.name })}`, {
        method: 'POST',
        body: file,
      });
      const body = (await response.json().catch(() => null)) as
        (Counts & { error?: { message?: string; ref?: MessageRef } }) | null;
      if (response.ok && body) {
        setOutcome({ counts: body });
        router.refresh();
      } else {
        const ref = body?.error?.ref;
        setOutcome({ error: ref ? reasons.error(ref) : (body?.error?.message ?? `HTTP ${response.status}`) });
      }
    } catch (failure) {
      setOutcome({ error: String(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4" data-testid="statement-upload">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t('file')}
        <input type="file" name="file" accept=".xml,.sta,.mt940,.txt,.zip" className="text-sm" />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-40"
      >
        {busy ? t('busy') : t('submit')}
      </button>
      {outcome && 'counts' in outcome && (
        <p role="status" className="w-full text-sm text-emerald-800">
          {t('done', { ...outcome.counts })}
        </p>
      )}
      {outcome && 'error' in outcome && (
        <p role="alert" className="w-full rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('refused', { message: outcome.error })}
        </p>
      )}
    </form>
  );
}
