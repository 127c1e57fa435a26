import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ManageSecondFactor } from '@/components/accounts/manage-second-factor';
import { SecondFactorSetup } from '@/components/accounts/second-factor-setup';
import { offerSecondFactor } from '@/lib/accounts/enrol-second-factor';
import { ownEmail, secondFactorStatus } from '@/lib/accounts/queries';
import { requireSession } from '@/lib/auth/session';
import { redis } from '@/lib/redis/connection';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

/**
 * The second factor (issue 18): set one up with an authenticator app (QR code, then a code to confirm, then the
 * recovery codes once), or, once set up, replace the recovery codes or turn it off where the role allows.
 */
export default async function SecondFactorPage() {
  const { actor, state } = await requireSession();
  const [t, format, status] = await Promise.all([
    getTranslations('accounts.secondFactor'),
    getFormatter(),
    secondFactorStatus(actor),
  ]);
  const offer = status.enrolledAt
    ? null
    : await offerSecondFactor({ actor, email: await ownEmail(actor), redis: redis() });
  return (
    <main className="mx-auto max-w-3xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t('intro')}</p>
      {state === 'enrol' && (
        <p role="status" className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('required')}
        </p>
      )}
      <section className={card}>
        {offer ? (
          <SecondFactorSetup
            qrDataUrl={offer.qrDataUrl}
            secret={offer.secret}
            next={state === 'enrol' ? '/' : '/account/second-factor'}
          />
        ) : (
          <>
            <p className="text-sm" data-testid="second-factor-on">
              {t('on', { since: format.dateTime(status.enrolledAt!, { dateStyle: 'long' }) })}
            </p>
            <p className="mt-1 text-sm text-slate-600">{t('recoveryLeft', { count: status.recoveryLeft })}</p>
            <ManageSecondFactor canRemove={!status.required} />
          </>
        )}
      </section>
      {state === 'full' && (
        <p className="mt-4 text-sm">
          <Link href="/account" className="text-brand-700 hover:underline">
            {t('back')}
          </Link>
        </p>
      )}
    </main>
  );
}
