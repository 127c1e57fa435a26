'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { actionError } from '@/app/actions/action-result';
import type { DebtorFormState } from '@/components/debtor-page/form-state';
import { openDebtorLink } from '@/lib/debtor-page/open-link';
import { recordDebtorDispute } from '@/lib/debtor-page/record-debtor-dispute';
import { recordDebtorPromise } from '@/lib/debtor-page/record-debtor-promise';
import { proposeDebtorPlan } from '@/lib/debtor-page/propose-plan';
import { giveContact } from '@/lib/debtor-page/give-contact';
import { requestCallback } from '@/lib/debtor-page/request-callback';
import type { DebtorSession } from '@/lib/debtor-page/rules';
import { currentIp } from '@/lib/net/client-ip';
import { debtorSession, startDebtorSession } from './session';

const valuesOf = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;

/** The second factor: a right answer opens the page (a signed cookie for this link), anything else says the same. */
export async function answerAction(token: string, previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  const t = await getTranslations('debtorPage.access');
  const result = await openDebtorLink({ token, answer: String(form.get('answer') ?? ''), ip: await currentIp() });
  if (!result.ok) {
    return {
      status: 'error',
      message: t(result.reason === 'throttled' ? 'throttled' : 'refused'),
      fields: {},
      values: {},
      seq: previous.seq + 1,
    };
  }
  await startDebtorSession(token, result.session);
  redirect(`/d/${token}`);
}

type DebtorWork = (session: DebtorSession, input: Record<string, string>, ip?: string) => Promise<unknown>;

async function act(
  work: DebtorWork,
  done: string,
  previous: DebtorFormState,
  form: FormData,
): Promise<DebtorFormState> {
  const values = valuesOf(form);
  const session = await debtorSession();
  const t = await getTranslations('debtorPage');
  if (!session) return { status: 'error', message: t('access.expired'), fields: {}, values, seq: previous.seq + 1 };
  try {
    await work(session, values, await currentIp());
    return { status: 'done', message: t(done), fields: {}, values: {}, seq: previous.seq + 1 };
  } catch (error) {
    const shown = await actionError(error);
    return { status: 'error', message: shown.message, fields: shown.fields, values, seq: previous.seq + 1 };
  }
}

export async function disputeAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, ip) => recordDebtorDispute({ session, input: { kind: v.kind, text: v.text }, ip }),
    'dispute.done',
    previous,
    form,
  );
}

export async function promiseAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, ip) => recordDebtorPromise({ session, input: { amount: v.amount, dueOn: v.dueOn }, ip }),
    'promise.done',
    previous,
    form,
  );
}

export async function callbackAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, ip) => requestCallback({ session, input: { at: v.at, text: v.text }, ip }),
    'callback.done',
    previous,
    form,
  );
}

export async function planAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  const t = await getTranslations('debtorPage.plan');
  const values = valuesOf(form);
  const session = await debtorSession();
  if (!session) return { status: 'error', message: t('expired'), fields: {}, values, seq: previous.seq + 1 };
  try {
    const plan = await proposeDebtorPlan({
      session,
      input: { instalmentCount: values.instalmentCount, firstDueOn: values.firstDueOn },
      ip: await currentIp(),
    });
    return {
      status: 'done',
      message: t(plan.planStatus === 'ACTIVE' ? 'accepted' : 'sent'),
      fields: {},
      values: {},
      seq: previous.seq + 1,
    };
  } catch (error) {
    const shown = await actionError(error);
    return { status: 'error', message: shown.message, fields: shown.fields, values, seq: previous.seq + 1 };
  }
}

export async function contactAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, ip) => giveContact({ session, input: { phone: v.phone, email: v.email }, ip }),
    'contact.done',
    previous,
    form,
  );
}
