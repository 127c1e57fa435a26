'use server';

import { changePassword } from '@/lib/accounts/change-password';
import { requireActor } from '@/lib/auth/session';
import { currentIp } from '@/lib/net/client-ip';
import { redis } from '@/lib/redis/connection';
import { toActionResult, type ActionResult } from '@/app/actions/action-result';

// Thin edges: the signed-in person, one use-case of lib/accounts, the answer mapped (fields named).

export async function changePasswordAction(input: Record<string, unknown>): Promise<ActionResult<null>> {
  const actor = await requireActor();
  const ip = await currentIp();
  return toActionResult(async () => {
    await changePassword({ actor, input, ip, redis: redis() });
    return null;
  });
}
