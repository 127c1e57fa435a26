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
