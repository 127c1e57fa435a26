'use server';

import { revalidatePath } from 'next/cache';
import { currentIp } from '@/lib/net/client-ip';
import { notFound, redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { setTarget } from '@/lib/reports/set-target';

/** The targets form posts here; the answer comes back in the URL (saved, or the refusal), so no JS is needed. */
export async function setTargetAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  let outcome: string;
  try {
    await setTarget({
      actor,
      ip,
      agentId: formData.get('agentId'),
      metric: formData.get('metric'),
      period: formData.get('period'),
      target: formData.get('target'),
      validFrom: formData.get('validFrom'),
    });
    outcome = 'saved=1';
  } catch (error) {
    // Another agency's agent, or a role without targets: the same 404 as the page, not a server error.
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    // The page says it in the user's language: the field, and the catalogue key of what is wrong with it.
    const [field, key] = Object.entries(error.fields ?? {})[0] ?? ['', error.ref.key];
    outcome = new URLSearchParams({ error: field, reason: key }).toString();
  }
  revalidatePath('/dashboard/targets');
  redirect(`/dashboard/targets?${outcome}`);
}
