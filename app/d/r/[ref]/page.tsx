import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { providerReturnToken } from '@/app/d/[token]/session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('debtorPage');
  return { title: t('title'), robots: { index: false, follow: false } };
}

/**
 * Back from the payment provider (decision 0020): the URL names an opaque reference, the debtor's browser its page
 * (./provider-return.ts). Without that cookie — another device, an expired reference, a stranger — the page says the
 * payment's fate will show on the debtor's page and names nothing.
 */
export default async function ProviderReturnPage({
  params,
  searchParams,
}: {
  params: Promise<{ ref: string }>;
  searchParams: Promise<{ card?: string | string[] }>;
}) {
  const [{ ref }, { card }] = await Promise.all([params, searchParams]);
  const outcome = card === 'cancelled' ? 'cancelled' : 'confirming';
  const token = await providerReturnToken(ref);
  if (token) redirect(`/d/${token}?card=${outcome}`);
  const t = await getTranslations('debtorPage');
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="bg-brand-900 text-white">
        <p className="mx-auto max-w-2xl px-4 py-3 text-base font-semibold">{t('title')}</p>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-5">
        <h1 className="mb-4 text-xl font-semibold text-slate-900">{t('card.returnTitle')}</h1>
        <p className="rounded-lg bg-white p-4 text-base text-slate-900 shadow-sm" data-testid="debtor-card-return">
          {t(outcome === 'confirming' ? 'card.returnElsewhereConfirming' : 'card.returnElsewhereCancelled')}
        </p>
      </main>
    </div>
  );
}
