'use server';

import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import { requireActor } from '@/lib/auth/session';
import { toLocale } from '@/lib/i18n/locales';
import { translate } from '@/lib/i18n/translate';
import {
  recordRegisteredMail,
  RegisteredMailRefusal,
  type RegisteredMailResult,
} from '@/lib/registered-mail/record-registered-mail';
import { toActionResult, type ActionResult } from './action-result';

/**
 * The file page's correction of one registered letter: hands the values to recordRegisteredMail and answers the
 * refused fields in the reader's language (the use-case keeps each problem as a catalogue key).
 */
export async function recordRegisteredMailAction(
  input: Record<string, unknown>,
): Promise<ActionResult<RegisteredMailResult>> {
  // Outside the try: an expired session redirects to the sign-in page rather than answering an error.
  const actor = await requireActor();
  let refusal: RegisteredMailRefusal | null = null;
  const answer = await toActionResult(async () => {
    try {
      return await recordRegisteredMail({ actor, input });
    } catch (error) {
      if (error instanceof RegisteredMailRefusal) refusal = error;
      throw error;
    }
  });
  if (answer.ok) {
    if (answer.data.changed) revalidatePath(`/files/${answer.data.fileId}`);
    return answer;
  }
  const refused = refusal as RegisteredMailRefusal | null;
  if (refused) {
    const locale = toLocale(await getLocale());
    const fields: Record<string, string> = {};
    for (const p of refused.problems) fields[p.field] ??= translate(p, locale);
    return { ok: false, error: { ...answer.error, fields } };
  }
  return answer;
}
