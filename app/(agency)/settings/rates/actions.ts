'use server';

import { revalidatePath } from 'next/cache';
import type { RateFormState } from '@/components/rates/rate-form-state';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { addEcbRate } from '@/lib/interest/add-ecb-rate';
import { addLegalRate } from '@/lib/interest/add-legal-rate';
import { currentIp } from '@/lib/net/client-ip';

type Add = (options: {
  actor: Awaited<ReturnType<typeof requireActor>>;
  ip?: string;
  input: Record<string, unknown>;
}) => Promise<unknown>;

/** A refusal sends back what was typed with each field's reason; a save empties the form. */
async function answer(add: Add, fields: string[], previous: RateFormState, formData: FormData): Promise<RateFormState> {
  const actor = await requireActor();
  const ip = await currentIp();
  const typed = Object.fromEntries(fields.map((f) => [f, String(formData.get(f) ?? '')]));
  try {
    await add({ actor, ip, input: typed });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    return { status: 'error', seq: previous.seq + 1, errors: error.fields ?? {}, values: typed };
  }
  // Every agency page carries the banner that may now go.
  revalidatePath('/', 'layout');
  return { status: 'saved', seq: previous.seq + 1, errors: {}, values: {} };
}

export async function addLegalRateAction(previous: RateFormState, formData: FormData): Promise<RateFormState> {
  return answer(addLegalRate, ['validFrom', 'individual', 'other', 'decidedOn', 'publishedRef'], previous, formData);
}

export async function addEcbRateAction(previous: RateFormState, formData: FormData): Promise<RateFormState> {
  return answer(addEcbRate, ['validFrom', 'rate', 'decidedOn', 'publishedRef'], previous, formData);
}
