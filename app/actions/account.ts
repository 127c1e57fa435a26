'use server';

import { changePassword } from '@/lib/accounts/change-password';
import { confirmSecondFactor } from '@/lib/accounts/enrol-second-factor';
import { removeOwnSecondFactor, replaceRecoveryCodes } from '@/lib/accounts/manage-second-factor';
import { completeSessionEnrolment } from '@/lib/auth/session-activity';
import { requireActor, requireSession } from '@/lib/auth/session';
import { env } from '@/lib/config/env';
import { currentIp } from '@/lib/net/client-ip';
import { redis } from '@/lib/redis/connection';
import { toActionResult, type ActionResult } from './action-result';

// Thin edges: the signed-in person, one use-case of lib/accounts, the answer mapped (fields named).

export async function changePasswordAction(input: Record<string, unknown>): Promise<ActionResult<null>> {
  const actor = await requireActor();
  const ip = await currentIp();
  return toActionResult(async () => {
    await changePassword({ actor, input, ip, redis: redis() });
    return null;
  });
}

/** The offered secret confirmed by a code: the recovery codes come back, to be shown once; the session opens fully. */
export async function confirmSecondFactorAction(
  input: Record<string, unknown>,
): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const { actor, sessionId } = await requireSession();
  const ip = await currentIp();
  return toActionResult(async () => {
    const done = await confirmSecondFactor({ actor, input, ip, redis: redis() });
    await completeSessionEnrolment(redis(), env.QUEUE_PREFIX, sessionId);
    return done;
  });
}

export async function replaceRecoveryCodesAction(): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const actor = await requireActor();
  const ip = await currentIp();
  return toActionResult(() => replaceRecoveryCodes({ actor, ip }));
}

/** Turning one's second factor off ends every session of the person (this one too). */
export async function removeSecondFactorAction(): Promise<ActionResult<null>> {
  const actor = await requireActor();
  const ip = await currentIp();
  return toActionResult(async () => {
    await removeOwnSecondFactor({ actor, ip });
    return null;
  });
}
