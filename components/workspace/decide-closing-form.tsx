'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { decideClosingAction } from '@/app/actions/closing';
import { ErrorBanner, type Failure } from './form-kit';

/** A manager's answer to an agent's closing waiting above the threshold: approve, or refuse with a word. */
export function DecideClosingForm({ closingId }: { closingId: string }) {
  const t = useTranslations('closing');
  const router = useRouter();
  const [note, setNote] = useState('');
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();

  function decide(decision: 'APPROVED' | 'REFUSED') {
    start(async () => {
      const answer = await decideClosingAction({ closingId, decision, note });
      if (!answer.ok) return setError({ ...answer.error, fields: answer.error.fields ?? {} });
      setError(null);
      router.refresh();
    });
  }

  return (
    <div className="space-y-2" data-testid={`decide-closing-${closingId}`}>
      <ErrorBanner error={error} />
      <label className="block text-xs font-medium text-slate-600">
        {t('decide.note')}
        <input
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() => decide('APPROVED')}
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {t('decide.approve')}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => decide('REFUSED')}
          className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          {t('decide.refuse')}
        </button>
      </div>
    </div>
  );
}
