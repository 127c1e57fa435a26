'use server';

import { revalidatePath } from 'next/cache';
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

/** The run was posted on the day given: its letters take that date (lib/print-runs/mark-posted.ts). */
export async function markPostedAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await markPrintRunPosted({
    actor,
    ip,
    printRunId: formData.get('printRunId'),
    postedOn: formData.get('postedOn'),
  });
  revalidatePath('/print-runs');
}
