'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { MAX_MANDATE_DOCUMENT_BYTES } from '@/lib/creditors/messages';

type Status = { kind: 'idle' | 'busy' | 'done' } | { kind: 'error'; message: string };

type Ref = { key: string; values?: Record<string, string | number> };

/** The route's error body (lib/errors/describe): English text, and the catalogue references beside it. */
interface ErrorAnswer {
  error?: { message?: string; ref?: Ref; fieldRefs?: Record<string, Ref> };
}

/**
 * Sends the signed PDF as the request body, not through a server action: those are capped at 1 MB and
 * buffered, while the route handler streams the file to storage.
 */
export function MandateDocumentUpload({ mandateId }: { mandateId: string }) {
  const t = useTranslations('mandates');
  const catalogue = useTranslations();
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  function explain(answer: ErrorAnswer | null): string {
    // The reference, rendered here in the reader's language; the English text only when there is none.
    const ref = answer?.error?.fieldRefs?.document ?? answer?.error?.ref;
    const message =
      ref && catalogue.has(ref.key as never)
        ? catalogue(ref.key as never, ref.values as never)
        : (answer?.error?.message ?? '');
    return t('upload.failed', { message });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem('document') as HTMLInputElement | null)?.files?.[0];
    if (!file) return setStatus({ kind: 'error', message: t('upload.pick') });
    if (file.size > MAX_MANDATE_DOCUMENT_BYTES) {
      return setStatus({ kind: 'error', message: t('upload.failed', { message: t('errors.tooLarge') }) });
    }
    setStatus({ kind: 'busy' });
    try {
      const response = await fetch(`/api/mandates/${mandateId}/document?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/pdf' },
        body: file,
      });
      if (!response.ok) {
        return setStatus({ kind: 'error', message: explain((await response.json().catch(() => null)) as ErrorAnswer) });
      }
      form.reset();
      setStatus({ kind: 'done' });
      router.refresh();
    } catch (error) {
      setStatus({ kind: 'error', message: t('upload.failed', { message: String(error) }) });
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" data-testid="mandate-upload">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t('upload.choose')}
        <input
          type="file"
          name="document"
          accept="application/pdf,.pdf"
          className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm"
        />
      </label>
      <button
        type="submit"
        disabled={status.kind === 'busy'}
        className="rounded border border-brand-700 px-4 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {status.kind === 'busy' ? t('upload.submitting') : t('upload.submit')}
      </button>
      {status.kind === 'done' && (
        <p role="status" className="text-sm text-emerald-700">
          {t('upload.done')}
        </p>
      )}
      {status.kind === 'error' && (
        <p role="alert" className="text-sm text-rose-700">
          {status.message}
        </p>
      )}
    </form>
  );
}
