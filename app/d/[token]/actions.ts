'use server';

import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { actionError } from '@/app/actions/action-result';
import type { DebtorFormState } from '@/components/debtor-page/form-state';
import { openDebtorLink } from '@/lib/debtor-page/open-link';
import { requestDebtorCode } from '@/lib/debtor-page/one-time-code';
import { CODE_MINUTES } from '@/lib/debtor-page/code-store';
import { toLocale } from '@/lib/i18n/locales';
import { recordDebtorDispute } from '@/lib/debtor-page/record-debtor-dispute';
import { recordDebtorPromise } from '@/lib/debtor-page/record-debtor-promise';
import { proposeDebtorPlan } from '@/lib/debtor-page/propose-plan';
import { giveContact } from '@/lib/debtor-page/give-contact';
import { requestCallback } from '@/lib/debtor-page/request-callback';
import { requestPersonalData } from '@/lib/debtor-page/request-personal-data';
import type { UploadedFile } from '@/lib/debtor-page/attachments';
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

/**
 * A one-time code to the debtor's own e-mail or phone, instead of the postcode or the invoice: the answer is the same
 * whether or not anything was sent, so it tells no stranger whether the file or a contact exists.
 */
export async function codeAction(token: string, previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  const t = await getTranslations('debtorPage');
  const channel = String(form.get('channel') ?? '');
  try {
    const result = await requestDebtorCode({
      token,
      input: { channel },
      locale: toLocale(await getLocale()),
      ip: await currentIp(),
    });
    if (!result.ok)
      return { status: 'error', message: t('code.throttled'), fields: {}, values: {}, seq: previous.seq + 1 };
    return {
      status: 'done',
      message: t('code.sent', { channel, minutes: CODE_MINUTES }),
      fields: {},
      values: {},
      seq: previous.seq + 1,
    };
  } catch (error) {
    const shown = await actionError(error);
    return { status: 'error', message: shown.message, fields: shown.fields, values: {}, seq: previous.seq + 1 };
  }
}

/** A request's use-case, given the session, the form's text fields and the form itself (for its files). */
type DebtorWork<R> = (
  session: DebtorSession,
  values: Record<string, string>,
  form: FormData,
  ip?: string,
) => Promise<R>;

/** Runs one request of the page and says how it went: `done` names the catalogue message of its success. */
async function act<R>(
  work: DebtorWork<R>,
  done: (result: R) => string,
  previous: DebtorFormState,
  form: FormData,
): Promise<DebtorFormState> {
  const values = valuesOf(form);
  const session = await debtorSession();
  const t = await getTranslations('debtorPage');
  if (!session) return { status: 'error', message: t('access.expired'), fields: {}, values, seq: previous.seq + 1 };
  try {
    const result = await work(session, values, form, await currentIp());
    return { status: 'done', message: t(done(result)), fields: {}, values: {}, seq: previous.seq + 1 };
  } catch (error) {
    const shown = await actionError(error);
    return { status: 'error', message: shown.message, fields: shown.fields, values, seq: previous.seq + 1 };
  }
}

/** The files of a multi-file input; a browser sends one empty part when none was chosen. */
async function filesOf(form: FormData, name: string): Promise<UploadedFile[]> {
  const files = form.getAll(name).filter((v): v is File => typeof v !== 'string' && (v.size > 0 || v.name !== ''));
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

export async function disputeAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    async (session, v, f, ip) =>
      recordDebtorDispute({
        session,
        input: { kind: v.kind, text: v.text },
        attachments: await filesOf(f, 'attachments'),
        ip,
      }),
    () => 'dispute.done',
    previous,
    form,
  );
}

export async function promiseAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, _f, ip) => recordDebtorPromise({ session, input: { amount: v.amount, dueOn: v.dueOn }, ip }),
    () => 'promise.done',
    previous,
    form,
  );
}

export async function callbackAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, _f, ip) => requestCallback({ session, input: { at: v.at, text: v.text }, ip }),
    () => 'callback.done',
    previous,
    form,
  );
}

export async function planAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, _f, ip) =>
      proposeDebtorPlan({ session, input: { instalmentCount: v.instalmentCount, firstDueOn: v.firstDueOn }, ip }),
    (plan) => (plan.planStatus === 'ACTIVE' ? 'plan.accepted' : 'plan.sent'),
    previous,
    form,
  );
}

export async function contactAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, _f, ip) => giveContact({ session, input: { phone: v.phone, email: v.email }, ip }),
    () => 'contact.done',
    previous,
    form,
  );
}

export async function dataRequestAction(previous: DebtorFormState, form: FormData): Promise<DebtorFormState> {
  return act(
    (session, v, _f, ip) => requestPersonalData({ session, input: { request: v.request, text: v.text }, ip }),
    () => 'data.done',
    previous,
    form,
  );
}
