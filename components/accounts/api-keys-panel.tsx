'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { createApiKeyAction, revokeApiKeyAction } from '@/app/actions/api-keys';
import { ErrorBanner, Field } from '@/components/workspace/form-kit';
import { AccountForm, useAccountForm } from './account-form';

export interface ApiKeyView {
  id: string;
  creditorName: string;
  label: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const LIFETIMES = ['30', '90', '365', 'never'] as const;
const cell = 'py-2 pr-4';

/**
 * A creditor system's keys: made (the key shown once), named, revoked; when each was last used and until when it
 * works. The agency picks the creditor; a creditor's user makes keys for its own (`creditors` holds only it).
 */
export function ApiKeysPanel({
  keys,
  creditors,
  now,
}: {
  keys: ApiKeyView[];
  creditors: { id: string; name: string }[];
  now: string;
}) {
  const t = useTranslations('accounts.apiKeys');
  const format = useFormatter();
  const router = useRouter();
  const [values, setValues] = useState({ creditorId: creditors[0]?.id ?? '', label: '', expiresInDays: '365' });
  const [made, setMade] = useState<string | null>(null);
  const form = useAccountForm();
  const revoke = useAccountForm();
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium' }) : '—');
  const stateOf = (k: ApiKeyView) =>
    k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active';

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="new-key">
        <h2 id="new-key" className="mb-3 text-lg font-semibold">
          {t('new')}
        </h2>
        {made ? (
          <div className="space-y-2" data-testid="new-key">
            <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              {t('shownOnce')}
            </p>
            <code className="block rounded border border-slate-200 bg-slate-50 p-3 font-mono text-sm break-all">
              {made}
            </code>
            <button
              type="button"
              className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
              onClick={() => setMade(null)}
            >
              {t('copied')}
            </button>
          </div>
        ) : (
          <AccountForm
            testId="api-key-form"
            error={form.error}
            pending={form.pending}
            submitLabel={t('create')}
            pendingLabel={t('creating')}
            onSubmit={() =>
              form.submit(
                () => createApiKeyAction(values),
                (d) => {
                  setMade(d.key);
                  set({ label: '' });
                  router.refresh();
                },
              )
            }
          >
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label={t('creditor')} name="creditorId" error={form.error}>
                {(p) => (
                  <select {...p} value={values.creditorId} onChange={(e) => set({ creditorId: e.target.value })}>
                    {creditors.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('label')} name="label" error={form.error} hint={t('labelHint')}>
                {(p) => <input {...p} value={values.label} onChange={(e) => set({ label: e.target.value })} />}
              </Field>
              <Field label={t('lifetime')} name="expiresInDays" error={form.error}>
                {(p) => (
                  <select {...p} value={values.expiresInDays} onChange={(e) => set({ expiresInDays: e.target.value })}>
                    {LIFETIMES.map((l) => (
                      <option key={l} value={l}>
                        {t(`lifetimes.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </AccountForm>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <ErrorBanner error={revoke.error} />
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">{t('none')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="api-keys">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className={cell}>{t('label')}</th>
                <th className={cell}>{t('creditor')}</th>
                <th className={cell}>{t('key')}</th>
                <th className={cell}>{t('created')}</th>
                <th className={cell}>{t('expires')}</th>
                <th className={cell}>{t('lastUsed')}</th>
                <th className={cell}>{t('state')}</th>
                <th className={cell} />
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-t border-slate-100" data-key={k.label}>
                  <td className={cell}>{k.label}</td>
                  <td className={cell}>{k.creditorName}</td>
                  <td className={`${cell} font-mono text-xs`}>{k.prefix}…</td>
                  <td className={cell}>{day(k.createdAt)}</td>
                  <td className={cell}>{k.expiresAt ? day(k.expiresAt) : t('never')}</td>
                  <td className={cell}>
                    {k.lastUsedAt
                      ? format.dateTime(new Date(k.lastUsedAt), { dateStyle: 'short', timeStyle: 'short' })
                      : t('unused')}
                  </td>
                  <td className={cell}>{t(`states.${stateOf(k)}`)}</td>
                  <td className={cell}>
                    {stateOf(k) === 'active' && (
                      <button
                        type="button"
                        disabled={revoke.pending}
                        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                        onClick={() =>
                          revoke.submit(
                            () => revokeApiKeyAction({ keyId: k.id }),
                            () => router.refresh(),
                          )
                        }
                      >
                        {t('revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
