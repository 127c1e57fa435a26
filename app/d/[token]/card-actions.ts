'use server';

import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { actionError } from '@/app/actions/action-result';
import type { DebtorFormState } from '@/components/debtor-page/form-state';
import { startCardPayment } from '@/lib/debtor-page/start-card-payment';
import { toLocale } from '@/lib/i18n/locales';
import { currentIp } from '@/lib/net/client-ip';
import { debtorSession, rememberProviderReturn } from './session';

/**
 * Pay by card or SEPA direct debit: the provider's hosted page for the amount asked, or the refusal on its field. The
 * payment is recorded when the provider's signed notice arrives (app/api/webhooks/stripe), never on the way back.
 */
export async function cardPaymentAction(
  token: string,
  previous: DebtorFormState,
  form: FormData,
): Promise<DebtorFormState> {
  const amount = String(form.get('amount') ?? '');
  const values = { amount };
  const t = await getTranslations('debtorPage');
  const session = await debtorSession();
  if (!session) return { status: 'error', message: t('access.expired'), fields: {}, values, seq: previous.seq + 1 };
  let url: string;
  let returnRef: string;
  try {
    ({ url, returnRef } = await startCardPayment({
      session,
      token,
      input: { amount },
      locale: toLocale(await getLocale()),
      ip: await currentIp(),
    }));
  } catch (error) {
    const shown = await actionError(error);
    return { status: 'error', message: shown.message, fields: shown.fields, values, seq: previous.seq + 1 };
  }
  await rememberProviderReturn(token, returnRef);
  // Outside the try: redirect() throws to leave the action.
  redirect(url);
}
