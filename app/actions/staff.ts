'use server';

import { revalidatePath } from 'next/cache';
import { after } from 'next/server';
import { inviteMember } from '@/lib/accounts/invite-member';
import { requireActor } from '@/lib/auth/session';
import { mailSender } from '@/lib/mail/transport';
import { currentIp } from '@/lib/net/client-ip';
import { toActionResult, type ActionResult } from './action-result';
import { logger } from '@/lib/log/logger';

// The staff page's invitation form (components/accounts/invite-member-form.tsx): the use-case's answer, each refused
// field named. The page's other forms answer in its URL (app/(agency)/admin/staff/actions.ts).

/** An invitation by e-mail; the form shows each refused field. */
export async function inviteMemberAction(
  input: Record<string, unknown>,
): Promise<ActionResult<{ membershipId: string }>> {
  const actor = await requireActor();
  const ip = await currentIp();
  const answered = await toActionResult(() =>
    inviteMember({
      actor,
      ip,
      input,
      deliver: (message) =>
        after(() =>
          mailSender()
            .send(message)
            .catch((error: unknown) => logger.error({ err: error }, 'invitation e-mail not sent')),
        ),
    }),
  );
  if (answered.ok) revalidatePath('/admin/staff');
  return answered;
}
