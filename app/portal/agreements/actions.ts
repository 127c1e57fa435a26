'use server';

import { getTranslations } from 'next-intl/server';
import { formValues, judicialAnswer } from '@/app/actions/judicial-answer';
import type { JudicialActionState } from '@/app/actions/judicial-state';
import { requireActor } from '@/lib/auth/session';
import { answerAgreement } from '@/lib/escalation/answer-agreement';
import { currentIp } from '@/lib/net/client-ip';

/** The creditor's answer to going to court at its expense. */
export async function answerAgreementAction(
  prev: JudicialActionState,
  formData: FormData,
): Promise<JudicialActionState> {
  const actor = await requireActor();
  const ip = await currentIp();
  const t = await getTranslations('escalation.agreement');
  return judicialAnswer(
    prev,
    () => answerAgreement({ actor, input: formValues(formData), ip }),
    (answered) => t(answered.answer === 'ACCEPT' ? 'accepted' : 'refused'),
    // The answered request stays on screen with its answer until the next visit.
    [],
  );
}
