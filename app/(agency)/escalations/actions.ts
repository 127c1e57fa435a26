'use server';

import { getTranslations } from 'next-intl/server';
import { formValues, judicialAnswer } from '@/app/actions/judicial-answer';
import type { JudicialActionState } from '@/app/actions/judicial-state';
import { requireActor } from '@/lib/auth/session';
import { approveEscalation } from '@/lib/escalation/approve-escalation';
import { currentIp } from '@/lib/net/client-ip';

const DONE = { APPROVED: 'approved', AWAITING_CREDITOR: 'awaitingCreditor', REJECTED: 'sentBack' } as const;

/** The manager's decision on an escalated file: approve with a route, or send it back with a reason. */
export async function decideEscalationAction(
  prev: JudicialActionState,
  formData: FormData,
): Promise<JudicialActionState> {
  const actor = await requireActor();
  const ip = await currentIp();
  const t = await getTranslations('escalation.queue');
  return judicialAnswer(
    prev,
    () => approveEscalation({ actor, input: formValues(formData), ip }),
    (decided) => t(DONE[decided.status]),
    // Nothing to revalidate (the pages render per request): a revalidation would refresh the queue at once and take
    // the decided card, with its answer, off the screen; it leaves on the next visit.
    [],
  );
}
