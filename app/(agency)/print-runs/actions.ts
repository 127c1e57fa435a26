'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { currentIp } from '@/lib/net/client-ip';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { createPrintRun } from '@/lib/print-runs/create-print-run';
import { markPrintRunPosted } from '@/lib/print-runs/mark-posted';

export async function createPrintRunAction(): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  try {
    await createPrintRun({ actor, ip });
  } catch (error) {
    // Nothing to print is not an error worth a page: the list simply shows no new run.
    if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
  }
  revalidatePath('/print-runs');
}

/**
 * The run was posted on the day given: its letters take that date (lib/print-runs/mark-posted.ts). The answer comes
 * back in the URL: a refusal as the catalogue key of what is wrong; another agency's run is a 404, as the page.
 */
export async function markPostedAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  let outcome = '';
  try {
    await markPrintRunPosted({
      actor,
      ip,
      printRunId: formData.get('printRunId'),
      postedOn: formData.get('postedOn'),
    });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    if (!(error instanceof AppError) || (error.code !== 'INVALID' && error.code !== 'CONFLICT')) throw error;
    // The refusal's own key (the field's, else the error's): the page shows only keys of `outbox.errors`.
    const key = (Object.values(error.fieldRefs ?? {})[0] ?? error.ref).key;
    const name = key.startsWith('outbox.errors.') ? key.slice('outbox.errors.'.length) : 'postedOn';
    outcome = `?${new URLSearchParams({ postError: name }).toString()}`;
  }
  revalidatePath('/print-runs');
  redirect(`/print-runs${outcome}`);
}
