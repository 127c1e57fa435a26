'use server';

import { getTranslations } from 'next-intl/server';
import { formValues, judicialAnswer } from '@/app/actions/judicial-answer';
import type { JudicialActionState } from '@/app/actions/judicial-state';
import { requireActor } from '@/lib/auth/session';
import { recordProcedureStep } from '@/lib/judicial/record-procedure-step';
import { currentIp } from '@/lib/net/client-ip';

/** One step of a file's running procedure (from the procedures page or the file's procedure panel). */
export async function recordStepAction(prev: JudicialActionState, formData: FormData): Promise<JudicialActionState> {
  const actor = await requireActor();
  const ip = await currentIp();
  const t = await getTranslations('judicial.panel');
  const input = formValues(formData, ['fileId']);
  const fileId = formData.get('fileId');
  return judicialAnswer(
    prev,
    () => recordProcedureStep({ actor, input, ip }),
    () => t('saved'),
    ['/judicial', ...(typeof fileId === 'string' ? [`/files/${fileId}`] : [])],
  );
}
