import { QueueName } from '../queue/names';
import { parsePayload, type JobData } from '../queue/payloads';
import type { Producer } from '../queue/producers';
import { checkRemittanceDeadlines, type RemittanceAlertReport } from './remittance-alerts';
import { sendRemittanceStatements, type StatementMailReport } from './send-statements';

// Early morning in France, before managers open the finance page.
export const REMITTANCE_ALERTS = {
  schedulerId: 'remittance-alerts-daily',
  pattern: '30 5 * * *',
  tz: 'Europe/Paris',
} as const;

/** Handler of payouts/alerts: wiring only. */
export async function runRemittanceAlertsJob(data: JobData<'payouts', 'alerts'>): Promise<RemittanceAlertReport> {
  return checkRemittanceDeadlines({ ...(data.tenantId ? { tenantId: data.tenantId } : {}) });
}

/** Handler of payouts/statements: wiring only. A rerun finds the transfers stamped and sends nothing. */
export async function runRemittanceStatementsJob(data: JobData<'payouts', 'statements'>): Promise<StatementMailReport> {
  return sendRemittanceStatements({ tenantId: data.tenantId, runId: data.runId });
}

/** Every worker upserts the same scheduler at start-up; Redis keeps one (BullMQ 6 job schedulers). */
export async function scheduleRemittanceAlerts(producer: Producer): Promise<void> {
  const data = parsePayload(QueueName.PAYOUTS, 'alerts', {});
  await producer
    .queue(QueueName.PAYOUTS)
    .upsertJobScheduler(
      REMITTANCE_ALERTS.schedulerId,
      { pattern: REMITTANCE_ALERTS.pattern, tz: REMITTANCE_ALERTS.tz },
      { name: 'alerts', data },
    );
}
