'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { currentIp } from '@/lib/net/client-ip';
import { createPartner } from '@/lib/partners/create-partner';
import { handOverFile, type HandOverResult } from '@/lib/partners/hand-over-file';
import { recordPartnerDocument } from '@/lib/partners/record-partner-document';
import { updatePartner } from '@/lib/partners/update-partner';
import { toActionResult, type ActionResult } from './action-result';

// Thin edges: the actor, one use-case of lib/partners, the answer mapped.

type Input = Record<string, unknown>;

async function run<T>(work: (actor: Awaited<ReturnType<typeof requireActor>>, ip?: string) => Promise<T>) {
  const actor = await requireActor();
  const ip = await currentIp();
  return toActionResult(() => work(actor, ip));
}

export async function createPartnerAction(input: Input): Promise<ActionResult<{ partnerId: string }>> {
  const answer = await run((actor, ip) => createPartner({ actor, input, ip }));
  if (answer.ok) revalidatePath('/partners');
  return answer;
}

export async function updatePartnerAction(input: Input): Promise<ActionResult<{ partnerId: string }>> {
  const answer = await run((actor, ip) => updatePartner({ actor, input, ip }));
  if (answer.ok) revalidatePath('/partners');
  return answer;
}

export async function handOverFileAction(input: Input): Promise<ActionResult<HandOverResult>> {
  const answer = await run((actor, ip) => handOverFile({ actor, input, ip }));
  if (answer.ok) revalidatePath(`/files/${answer.data.fileId}`);
  return answer;
}

export async function recordPartnerDocumentAction(
  input: Input,
): Promise<ActionResult<{ fileId: string; recordId: string; costId: string | null }>> {
  const answer = await run((actor, ip) => recordPartnerDocument({ actor, input, ip }));
  if (answer.ok) revalidatePath(`/files/${answer.data.fileId}`);
  return answer;
}
