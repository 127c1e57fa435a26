'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { recordRegisteredMail, type RegisteredMailResult } from '@/lib/registered-mail/record-registered-mail';
import { toActionResult, type ActionResult } from './action-result';

/**
 * The file page's correction of one registered letter: hands the values to recordRegisteredMail; a refusal
 * (each problem a catalogue key) comes back field by field in the reader's language through the one mapper.
 */
export async function recordRegisteredMailAction(
  input: Record<string, unknown>,
): Promise<ActionResult<RegisteredMailResult>> {
  // Outside the try: an expired session redirects to the sign-in page rather than answering an error.
  const actor = await requireActor();
  const answer = await toActionResult(() => recordRegisteredMail({ actor, input }));
  if (answer.ok && answer.data.changed) revalidatePath(`/files/${answer.data.fileId}`);
  return answer;
}
