import { QueueName } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import type { Producer } from '../queue/producers';
import { checkPlans, type PlanCheckReport } from './check-plans';

// Early morning in France, before agents open their queue; each agency's "today" is still its own.
export const PLAN_CHECK = { schedulerId: 'plans-check-daily', pattern: '0 5 * * *', tz: 'Europe/Paris' } as const;

/** Handler of plans/check. Idempotent: a plan already broken is no longer active, so a rerun skips it. */
export async function runPlanCheckJob(data: JobData<'plans', 'check'>): Promise<PlanCheckReport> {
  return checkPlans({ tenantId: data.tenantId });
}

/** Every worker upserts the same scheduler at start-up; Redis keeps one. */
export async function schedulePlanChecks(producer: Producer): Promise<void> {
  const data = parsePayload(QueueName.PLANS, 'check', {});
  await producer
    .queue(QueueName.PLANS)
    .upsertJobScheduler(
      PLAN_CHECK.schedulerId,
      { pattern: PLAN_CHECK.pattern, tz: PLAN_CHECK.tz },
      { name: 'check', data },
    );
}
