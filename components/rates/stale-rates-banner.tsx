import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { staleRates } from '@/lib/interest/rate-queries';
import type { Actor } from '@/lib/tenancy/actor';
import { can } from '@/lib/tenancy/permissions';

/** On every agency page once a rate table stops covering the agency's today; the admin gets the way to fix it. */
export async function StaleRatesBanner({ actor }: { actor: Actor }) {
  const stale = await staleRates({ actor });
  if (!stale) return null;
  const t = await getTranslations('rates.banner');
  return (
    <aside className="bg-amber-100 text-amber-950" data-testid="stale-rates">
      <div className="mx-auto max-w-7xl space-y-0.5 px-6 py-2 text-sm">
        {!stale.legal && <p>{t('legal')}</p>}
        {!stale.ecb && <p>{t('ecb')}</p>}
        {can(actor, 'rates.manage') && (
          <Link href="/settings/rates" className="font-medium underline">
            {t('link')}
          </Link>
        )}
      </div>
    </aside>
  );
}
