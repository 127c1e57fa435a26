'use client';

import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { debtorLinkAction } from '@/app/actions/debtor-link';

/** Shows the debtor's private page link on demand, to read out or paste into an e-mail. */
export function DebtorLinkButton({ fileId }: { fileId: string }) {
  const t = useTranslations('debtorLinks');
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, start] = useTransition();
  return (
    <div className="mt-3 border-t border-slate-100 pt-3 text-sm" data-testid="debtor-link">
      {url ? (
        <>
          <div className="flex gap-2">
            <input
              readOnly
              value={url}
              aria-label={t('give')}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            />
            <button
              type="button"
              className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
              onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
            >
              {copied ? t('copied') : t('copy')}
            </button>
          </div>
          <p className="mt-1 text-xs text-slate-500">{t('hint')}</p>
        </>
      ) : (
        <button
          type="button"
          disabled={pending}
          className="text-brand-700 hover:underline disabled:opacity-60"
          onClick={() =>
            start(async () => {
              const answer = await debtorLinkAction({ fileId });
              if (answer.ok) setUrl(answer.data.url);
              else setError(answer.error.message);
            })
          }
        >
          {t('give')}
        </button>
      )}
      {error && (
        <p role="alert" className="mt-1 text-rose-800">
          {error}
        </p>
      )}
    </div>
  );
}
