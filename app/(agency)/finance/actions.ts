'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { refusalKey } from '@/app/actions/refusal-key';
import { currentIp } from '@/lib/net/client-ip';
import { invoiceDirectCommission } from '@/lib/invoices/invoice-direct-commission';
import { recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { approvePayout } from '@/lib/remittances/approve-payout';
import { cancelPayout } from '@/lib/remittances/cancel-payout';
import { proposeRefund } from '@/lib/remittances/propose-refund';
import { proposeRemittance } from '@/lib/remittances/propose-remittance';
import { updatePayoutSettings } from '@/lib/remittances/update-payout-settings';
import { writeOffCommission } from '@/lib/remittances/write-off-commission';

const PREFIX = 'remittances.errors.';

/**
 * The answer comes back in the URL: what the action was about and the catalogue key of what is wrong (the page
 * words it in the reader's language); another agency's run is a 404, as the page.
 */
async function done(subject: string, work: () => Promise<unknown>, keys = { prefix: PREFIX, tag: '' }): Promise<never> {
  let outcome = '';
  try {
    await work();
  } catch (error) {
    const key = refusalKey(error, keys.prefix, 'invalid');
    outcome = `?${new URLSearchParams({ about: subject, error: key === 'invalid' ? key : `${keys.tag}${key}` })}`;
  }
  revalidatePath('/finance');
  redirect(`/finance${outcome}#${keys.tag ? 'direct-invoices' : 'payouts'}`);
}

const value = (form: FormData, name: string) => form.get(name) ?? undefined;

export async function proposeRemittanceAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await done('propose', () => proposeRemittance({ actor, ip, executionOn: value(form, 'executionOn') }));
}

export async function approvePayoutAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await done(String(form.get('runId') ?? ''), () => approvePayout({ actor, ip, runId: form.get('runId') }));
}

export async function cancelPayoutAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await done(String(form.get('runId') ?? ''), () => cancelPayout({ actor, ip, runId: form.get('runId') }));
}

export async function proposeRefundAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await done(String(form.get('fileId') ?? ''), () =>
    proposeRefund({
      actor,
      ip,
      fileId: form.get('fileId'),
      iban: form.get('iban'),
      bic: value(form, 'bic'),
      payeeName: value(form, 'payeeName'),
    }),
  );
}

export async function updatePayoutSettingsAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await done('settings', () =>
    updatePayoutSettings({
      actor,
      ip,
      secondApprovalFrom: value(form, 'secondApprovalFrom'),
      creditorFundsBic: value(form, 'creditorFundsBic'),
      legalForm: value(form, 'legalForm'),
      shareCapital: value(form, 'shareCapital'),
      rcs: value(form, 'rcs'),
      vatNumber: value(form, 'vatNumber'),
      invoicePaymentDays: value(form, 'invoicePaymentDays'),
    }),
  );
}

export async function writeOffCommissionAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  const fileId = String(form.get('fileId') ?? '');
  let outcome = '';
  try {
    await writeOffCommission({
      actor,
      ip,
      fileId: form.get('fileId'),
      amount: form.get('amount'),
      reason: form.get('reason'),
    });
  } catch (error) {
    outcome = `&error=${refusalKey(error, PREFIX, 'invalid')}`;
  }
  revalidatePath('/finance');
  redirect(`/finance?fileId=${encodeURIComponent(fileId)}${outcome}`);
}

/** The creditor paid a commission invoice into the agency's account; its refusals are the invoices' (`invoice.<key>`). */
export async function recordInvoicePaymentAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await done(
    String(form.get('invoiceId') ?? ''),
    () =>
      recordInvoicePayment({
        actor,
        ip,
        invoiceId: form.get('invoiceId'),
        amount: value(form, 'amount'),
        receivedOn: value(form, 'receivedOn'),
        reference: value(form, 'reference'),
      }),
    { prefix: 'invoices.errors.', tag: 'invoice.' },
  );
}

/** Commission on the creditor's direct payments that no invoice names yet, invoiced now (decision 0022). */
export async function invoiceDirectCommissionAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await done(
    String(form.get('creditorId') ?? ''),
    () => invoiceDirectCommission({ actor, ip, creditorId: form.get('creditorId') }),
    { prefix: 'invoices.errors.', tag: 'invoice.' },
  );
}
