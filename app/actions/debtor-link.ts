'use server';

import { requireActor } from '@/lib/auth/session';
import { agentDebtorLink } from '@/lib/debtor-page/agent-link';
import { currentIp } from '@/lib/net/client-ip';
import { toActionResult, type ActionResult } from './action-result';

/** The debtor's private page link, for the agent to give (lib/debtor-page/agent-link.ts). */
export async function debtorLinkAction(input: { fileId?: unknown }): Promise<ActionResult<{ url: string }>> {
  const actor = await requireActor();
  const ip = await currentIp();
  return toActionResult(() => agentDebtorLink({ actor, fileId: input?.fileId, ip }));
}
