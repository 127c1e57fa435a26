'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { refusalKey } from '@/app/actions/refusal-key';
import { currentIp } from '@/lib/net/client-ip';
import { setProviderAccount } from '@/lib/payment-provider/set-provider-account';

/** The agency's account at the card / direct-debit provider (decision 0020); the answer comes back in the URL. */
export async function setProviderAccountAction(form: FormData): Promise<void> {
  const actor = await requireActor();
  let outcome = '';
  try {
    await setProviderAccount({ actor, ip: await currentIp(), account: form.get('account') ?? undefined });
  } catch (error) {
    outcome = `?${new URLSearchParams({ about: 'provider', error: refusalKey(error, 'paymentProvider.errors.', 'account') })}`;
  }
  revalidatePath('/finance');
  redirect(`/finance${outcome}#provider`);
}
