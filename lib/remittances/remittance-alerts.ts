import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { dayIn } from '../dates/days';
import { taskNote } from '../tasks/notes';
import { openTask } from '../tasks/open-task';
import { deadlinesIn } from './queries';
import { sendRemittanceStatements } from './send-statements';

export interface RemittanceAlertReport {
  tenants: number;
  /** Creditors whose oldest funds held are ALERT_AFTER_DAYS old or more. */
  alerts: number;
  late: number;
  tasksOpened: number;
  statementsSent: number;
}

/**
 * The daily R124-6 look: for each agency, each creditor whose oldest funds held are 20 days old or more gets a task
 * (one open at a time per creditor, on the file whose payment is the oldest) so a manager proposes a remittance
 * before the month runs out; the finance page shows the same creditors in its banner. Statements an approval
 * could not hand to the worker are sent here too. Idempotent: a rerun finds the open task and the stamped
 * statements.
 */
export async function checkRemittanceDeadlines({
  tenantId,
  now = new Date(),
  client = db(),
}: { tenantId?: string; now?: Date; client?: PrismaClient } = {}): Promise<RemittanceAlertReport> {
  const agencies = await client.agency.findMany({
    where: tenantId ? { id: tenantId } : {},
    select: { id: true, timeZone: true },
    orderBy: { id: 'asc' },
  });
  const report: RemittanceAlertReport = {
    tenants: agencies.length,
    alerts: 0,
    late: 0,
    tasksOpened: 0,
    statementsSent: 0,
  };
  for (const agency of agencies) {
    const today = dayIn(agency.timeZone, now);
    await inTenant(
      { tenantId: agency.id },
      async (tx) => {
        const deadlines = await deadlinesIn(tx, agency.id, today);
        for (const d of deadlines) {
          if (!d.alert || !d.oldestFileId || !d.oldestOn || !d.deadlineOn) continue;
          report.alerts++;
          if (d.late) report.late++;
          const [open] = await tx.$queryRaw<{ id: string }[]>`
            SELECT t.id::text FROM task t JOIN case_file f ON f.tenant_id = t.tenant_id AND f.id = t.file_id
             WHERE t.tenant_id = ${agency.id}::uuid AND t.kind = 'REMITTANCE_DUE' AND t.status = 'OPEN'
               AND f.creditor_id = ${d.creditorId}::uuid
             LIMIT 1`;
          if (open) continue;
          await openTask(tx, {
            tenantId: agency.id,
            fileId: d.oldestFileId,
            kind: 'REMITTANCE_DUE',
            // Due on the deadline's morning; the banner and the finance page say how many days are left.
            dueAt: new Date(`${d.deadlineOn}T08:00:00Z`),
            assigneeId: null,
            source: 'scenario',
            createdAt: now,
            ref: taskNote('remittance.due', {
              creditor: d.name.slice(0, 200),
              heldCents: d.fundsHeldCents,
              oldestOn: d.oldestOn,
              deadlineOn: d.deadlineOn,
            }),
          });
          report.tasksOpened++;
        }
      },
      client,
      { timeoutMs: 120_000 },
    );
    report.statementsSent += (await sendRemittanceStatements({ tenantId: agency.id, client })).transfers;
  }
  return report;
}
