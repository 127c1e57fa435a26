'use server';

import { currentIp } from '@/lib/net/client-ip';
import { centsToInput, type ChannelCostsFormState } from '@/components/dashboard/channel-costs-state';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { COSTED_CHANNELS } from '@/lib/reports/rules';
import { setChannelCosts } from '@/lib/reports/set-channel-costs';

/** The unit-costs form posts here; a refusal sends back what was typed, with the fields it could not read. */
export async function setChannelCostsAction(
  previous: ChannelCostsFormState,
  formData: FormData,
): Promise<ChannelCostsFormState> {
  const actor = await requireActor();
  const ip = await currentIp();
  const typed = Object.fromEntries(COSTED_CHANNELS.map((c) => [c, String(formData.get(c) ?? '')]));
  const locale = formData.get('locale') === 'en' ? 'en' : 'fr';
  try {
    const saved = await setChannelCosts({ actor, ip, input: typed });
    return {
      status: 'saved',
      seq: previous.seq + 1,
      invalid: [],
      values: Object.fromEntries(COSTED_CHANNELS.map((c) => [c, centsToInput(saved.costs[c], locale)])),
    };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    return { status: 'error', seq: previous.seq + 1, invalid: Object.keys(error.fields ?? {}), values: typed };
  }
}
