import { getTranslations } from 'next-intl/server';
import { creditorChoicesForKeys } from '@/lib/accounts/queries';
import { listApiKeys } from '@/lib/imports/api-keys';
import type { Actor } from '@/lib/tenancy/actor';
import { ApiKeysPanel } from './api-keys-panel';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API keys page, the same for the agency's admin pages and the creditor's portal. */
export async function ApiKeysPage({ actor }: { actor: Actor }) {
  const [t, keys, creditors] = await Promise.all([
    getTranslations('accounts.apiKeys'),
    listApiKeys(actor),
    creditorChoicesForKeys(actor),
  ]);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{t(actor.creditorId ? 'introPortal' : 'intro')}</p>
      <ApiKeysPanel
        creditors={creditors}
        now={new Date().toISOString()}
        keys={keys.map((k) => ({
          id: k.id,
          creditorName: k.creditorName,
          label: k.label,
          prefix: k.prefix,
          createdAt: k.createdAt.toISOString(),
          expiresAt: iso(k.expiresAt),
          lastUsedAt: iso(k.lastUsedAt),
          revokedAt: iso(k.revokedAt),
        }))}
      />
    </main>
  );
}
