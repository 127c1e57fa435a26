'use client';

import { useTranslations } from 'next-intl';

/** The recovery codes, shown once: the person writes them down or prints them. */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel,
}: {
  codes: string[];
  onDone: () => void;
  doneLabel: string;
}) {
  const t = useTranslations('accounts.secondFactor');
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {t('codesIntro')}
      </p>
      <ol className="grid grid-cols-2 gap-2 rounded border border-slate-200 bg-slate-50 p-3 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <p className="text-xs text-slate-600">{t('codesOnce')}</p>
      <button
        type="button"
        onClick={onDone}
        className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900"
      >
        {doneLabel}
      </button>
    </div>
  );
}
