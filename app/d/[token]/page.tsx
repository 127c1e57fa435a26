import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { DebtorView } from '@/components/debtor-page/debtor-view';
import { SecondFactorForm } from '@/components/debtor-page/second-factor-form';
import { CodeRequestForm } from '@/components/debtor-page/code-request-form';
import { CODE_MINUTES } from '@/lib/debtor-page/code-store';
import { PROMISE_HORIZON_DAYS } from '@/lib/activity/rules';
import { addDays } from '@/lib/dates/days';
import { resolveLink } from '@/lib/debtor-page/open-link';
import { debtorPage } from '@/lib/debtor-page/queries';
import { DEBTOR_PAGE_CLIENT, pickMessages } from '@/lib/i18n/client-messages';
import { toLocale } from '@/lib/i18n/locales';
import {
  answerAction,
  callbackAction,
  codeAction,
  contactAction,
  dataRequestAction,
  disputeAction,
  planAction,
  promiseAction,
} from './actions';
import { cardPaymentAction } from './card-actions';
import { DEBTOR_PLAN_FIRST_DAYS } from '@/lib/debtor-page/schemas';
import { debtorSession } from './session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('debtorPage');
  return { title: t('title'), robots: { index: false, follow: false } };
}

/**
 * The debtor's private page (issue 17). Without a session for this very link it asks the second factor — for an
 * unknown or expired link too, so the page never tells whether a file exists.
 */
export default async function DebtorLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ card?: string | string[] }>;
}) {
  const { token } = await params;
  // Back from the provider's page: what the page says about it (the notice, not this, records a payment).
  const { card } = await searchParams;
  const cardReturn = card === 'confirming' || card === 'cancelled' ? card : null;
  const now = new Date();
  const [t, locale, session] = await Promise.all([getTranslations('debtorPage'), getLocale(), debtorSession(now)]);
  const link = session ? await resolveLink(token, now) : null;
  const page = session && link?.linkId === session.linkId ? await debtorPage(session, now) : null;
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-4 py-3">
          <p className="text-base font-semibold">{page ? page.agency.name : t('title')}</p>
          <LocaleSwitcher />
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-5">
        <NextIntlClientProvider messages={pickMessages(await getMessages(), DEBTOR_PAGE_CLIENT)}>
          <h1 className="mb-4 text-xl font-semibold text-slate-900">
            {page ? t('greeting', { name: page.debtorName }) : t('title')}
          </h1>
          {page ? (
            <DebtorView
              page={page}
              token={token}
              locale={toLocale(locale)}
              actions={{
                dispute: disputeAction,
                promise: promiseAction,
                callback: callbackAction,
                plan: planAction,
                contact: contactAction,
                data: dataRequestAction,
                card: cardPaymentAction.bind(null, token),
              }}
              cardReturn={cardReturn}
              promiseDays={{ today: page.amounts.asOf, lastDay: addDays(page.amounts.asOf, PROMISE_HORIZON_DAYS) }}
              planDays={{
                today: addDays(page.amounts.asOf, 1),
                lastDay: addDays(page.amounts.asOf, DEBTOR_PLAN_FIRST_DAYS),
              }}
            />
          ) : (
            <div className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <SecondFactorForm action={answerAction.bind(null, token)} />
              <div className="border-t border-slate-200 pt-4">
                <CodeRequestForm action={codeAction.bind(null, token)} minutes={CODE_MINUTES} />
              </div>
            </div>
          )}
        </NextIntlClientProvider>
      </main>
    </div>
  );
}
