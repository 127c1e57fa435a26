'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { createApiKey, revokeApiKey } from '@/lib/imports/api-keys';
import { currentIp } from '@/lib/net/client-ip';
import { toActionResult, type ActionResult } from './action-result';

// Creditors' API keys, from the agency's admin page and the creditor's portal alike (the use-cases keep a
// creditor's user to its own creditor).

const PAGES = ['/admin/api-keys', '/portal/api-keys'];

export async function createApiKeyAction(
  input: Record<string, unknown>,
): Promise<ActionResult<{ key: string; prefix: string }>> {
  const actor = await requireActor();
  const ip = await currentIp();
  const answer = await toActionResult(async () => {
    const { key, prefix } = await createApiKey({ actor, input, ip });
    return { key, prefix };
  });
  if (answer.ok) for (const page of PAGES) revalidatePath(page);
  return answer;
}

export async function revokeApiKeyAction(input: Record<string, unknown>): Promise<ActionResult<{ keyId: string }>> {
  const actor = await requireActor();
  const ip = await currentIp();
  const answer = await toActionResult(() => revokeApiKey({ actor, input, ip }));
  if (answer.ok) for (const page of PAGES) revalidatePath(page);
  return answer;
}
