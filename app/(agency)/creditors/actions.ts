'use server';

import { revalidatePath } from 'next/cache';
import { currentIp } from '@/lib/net/client-ip';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { MandateFormState } from '@/components/creditors/mandate-form-state';
import { requireActor } from '@/lib/auth/session';
import { createMandate } from '@/lib/creditors/create-mandate';
import { updateMandate } from '@/lib/creditors/update-mandate';
import { postedMandateValues, refusedSave } from './form-answer';
import type { CommissionFormState, CommissionFormValues } from '@/components/creditors/commission-rules-form';
import { COMMISSION_FORM_FIELDS } from '@/lib/creditors/commission-rules-form';
import { updateCommissionRules } from '@/lib/creditors/update-commission-rules';
import { updatePayoutDetails } from '@/lib/remittances/update-payout-details';
import { refusalKey } from '@/app/actions/refusal-key';
import { AppError } from '@/lib/errors/app-error';
import { readerError } from '@/lib/errors/reader';

export async function createMandateAction(prev: MandateFormState, formData: FormData): Promise<MandateFormState> {
  const actor = await requireActor();
  const values = postedMandateValues(formData);
  try {
    await createMandate({ actor, creditorId: formData.get('creditorId'), input: values, ip: await currentIp() });
  } catch (error) {
    return refusedSave(error, values, prev);
  }
  revalidatePath('/creditors');
  return { status: 'saved', seq: prev.seq + 1, message: (await getTranslations('mandates'))('form.created') };
}

export async function updateMandateAction(prev: MandateFormState, formData: FormData): Promise<MandateFormState> {
  const actor = await requireActor();
  const values = postedMandateValues(formData);
  let saved: { id: string };
  try {
    saved = await updateMandate({
      actor,
      mandateId: formData.get('mandateId'),
      updatedAt: formData.get('updatedAt'),
      input: values,
      ip: await currentIp(),
    });
  } catch (error) {
    return refusedSave(error, values, prev);
  }
  revalidatePath('/creditors');
  redirect(`/creditors?saved=${saved.id}`);
}

export async function updateCommissionRulesAction(
  prev: CommissionFormState,
  formData: FormData,
): Promise<CommissionFormState> {
  const actor = await requireActor();
  const values: CommissionFormValues = {};
  for (const name of COMMISSION_FORM_FIELDS) {
    const value = formData.get(name);
    if (typeof value === 'string') values[name] = value;
  }
  // An unticked box is not posted: the form's answer is "no".
  values.directPaymentsCommissionable = values.directPaymentsCommissionable ?? 'off';
  let saved: { id: string };
  try {
    saved = await updateCommissionRules({
      actor,
      mandateId: formData.get('mandateId'),
      updatedAt: formData.get('updatedAt'),
      input: values,
      ip: await currentIp(),
    });
  } catch (error) {
    if (!(error instanceof AppError) || !['INVALID', 'CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
    const t = await getTranslations('mandates');
    const shown = await readerError(error);
    const message =
      error.code === 'NOT_FOUND'
        ? t('form.notFound')
        : error.code === 'CONFLICT'
          ? t('form.conflict')
          : t('form.invalid');
    return { status: 'error', seq: prev.seq + 1, message, fields: shown.fields ?? {}, values };
  }
  revalidatePath(`/creditors/mandates/${saved.id}`);
  redirect(`/creditors/mandates/${saved.id}?commission=saved`);
}

/** The mandate's payout account and mode; the answer comes back in the URL (saved, or the catalogue key refused). */
export async function updatePayoutDetailsAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const mandateId = formData.get('mandateId');
  let outcome = 'saved';
  try {
    await updatePayoutDetails({
      actor,
      mandateId,
      updatedAt: formData.get('updatedAt'),
      input: {
        payoutIban: formData.get('payoutIban'),
        payoutBic: formData.get('payoutBic'),
        remittanceMode: formData.get('remittanceMode'),
      },
      ip: await currentIp(),
    });
  } catch (error) {
    outcome = refusalKey(error, 'mandates.errors.', 'invalid');
  }
  revalidatePath(`/creditors/mandates/${String(mandateId)}`);
  redirect(`/creditors/mandates/${String(mandateId)}?payout=${encodeURIComponent(outcome)}#payout`);
}
