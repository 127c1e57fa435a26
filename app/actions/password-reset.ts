'use server';

import { after } from 'next/server';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { resetPassword } from '@/lib/accounts/reset-password';
import { mailSender } from '@/lib/mail/transport';
import { currentIp } from '@/lib/net/client-ip';
import { redis } from '@/lib/redis/connection';
import { toActionResult, type ActionResult } from './action-result';
import { logger } from '@/lib/log/logger';

// Before sign-in: no session, no object id. The reset e-mail leaves after the answer (`after`), so the time taken
// says nothing about whether the address has an account.

export async function requestResetAction(input: Record<string, unknown>): Promise<ActionResult<'sent' | 'throttled'>> {
  const ip = await currentIp();
  return toActionResult(() =>
    requestPasswordReset({
      input,
      ip,
      redis: redis(),
      deliver: (message) =>
        after(() =>
          mailSender()
            .send(message)
            .catch((error: unknown) => logger.error({ err: error }, 'password reset e-mail not sent')),
        ),
    }),
  );
}

export async function resetPasswordAction(input: Record<string, unknown>): Promise<ActionResult<null>> {
  const ip = await currentIp();
  return toActionResult(async () => {
    await resetPassword({ input, ip });
    return null;
  });
}
