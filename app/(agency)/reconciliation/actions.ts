'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { refusalKey } from '@/app/actions/refusal-key';
import { currentIp } from '@/lib/net/client-ip';
import { assignCredit, returnCredit } from '@/lib/reconciliation/assign-credit';

/**
 * The answer comes back in the URL: the credit and the catalogue key of what is wrong (the page words it in the
 * reader's language); another agency's credit is a 404, as the page.
 */
async function decided(entryId: FormDataEntryValue | null, work: () => Promise<unknown>): Promise<never> {
  let outcome = '';
  try {
    await work();
  } catch (error) {
    const key = refusalKey(error, 'reconciliation.errors.', 'entry');
    outcome = `?${new URLSearchParams({ entry: String(entryId ?? ''), error: key })}`;
  }
  revalidatePath('/reconciliation');
  redirect(`/reconciliation${outcome}`);
}

export async function assignCreditAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await decided(formData.get('entryId'), () =>
    assignCredit({
      actor,
      ip,
      entryId: formData.get('entryId'),
      fileReference: formData.get('fileReference'),
      amount: formData.get('amount'),
    }),
  );
}

export async function returnCreditAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await decided(formData.get('entryId'), () => returnCredit({ actor, ip, entryId: formData.get('entryId') }));
}
