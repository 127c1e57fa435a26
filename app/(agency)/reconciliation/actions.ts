'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
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
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    if (!(error instanceof AppError) || (error.code !== 'INVALID' && error.code !== 'CONFLICT')) throw error;
    const ref = Object.values(error.fieldRefs ?? {})[0] ?? error.ref;
    const key = ref.key.startsWith('reconciliation.errors.') ? ref.key.slice('reconciliation.errors.'.length) : 'entry';
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
