import { Prisma, type PrismaClient } from '../db/generated/client';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { dayIn } from '../dates/days';
import { refreshFiles } from '../workqueue/refresh';
import { lockFilesById, saveFile } from '../cases/file-store';
import { breakPlan, progressPlan } from './plan-progress';
import { sendPlanMails } from './create-plan';
import { issueDecidedPlanLetter } from './issue-plan-letter';
import { addDays } from '../dates/days';
import { recordTimelineLines } from '../history/record';

export interface CheckPlansOptions {
  /** One agency; all of them when absent (the daily job). */
  tenantId?: string;
  now?: Date;
  client?: PrismaClient;
}

export interface PlanCheckReport {
  tenants: number;
  plansChecked: number;
  plansBroken: number;
  /** Instalments that turned LATE or MISSED in this run. */
  instalmentsOverdue: number;
  /** Letters of plans a creditor approved in the last week that had not gone out, or that waited for a rate. */
  lettersIssued: number;
  /** Letters that still wait for a rate the tables do not hold (decision 0009). */
  lettersWaiting: number;
}

/**
 * The daily look at active plans: each instalment past its day is marked LATE, and MISSED once the
 * agency's grace period has run out too, which breaks the plan — the file then goes back to IN_PROGRESS
 * and into its agent's queue. Each plan is settled in its own transaction, under the file's lock, so a
 * run can stop anywhere and the next one (or a retry) finishes the work without doing any of it twice.
 */
export async function checkPlans({
  tenantId,
  now = new Date(),
  client = db(),
}: CheckPlansOptions = {}): Promise<PlanCheckReport> {
  // agency is global (no row-level security): the application role may list it without a tenant context.
  const agencies = await client.agency.findMany({
    where: tenantId ? { id: tenantId } : {},
    select: { id: true, timeZone: true },
    orderBy: { id: 'asc' },
  });
  const report: PlanCheckReport = {
    tenants: agencies.length,
    plansChecked: 0,
    plansBroken: 0,
    instalmentsOverdue: 0,
    lettersIssued: 0,
    lettersWaiting: 0,
  };
  for (const agency of agencies) {
    const today = dayIn(agency.timeZone, now);
    const due = await inTenant(
      { tenantId: agency.id },
      (tx) => tx.$queryRaw<{ id: string }[]>`
        SELECT DISTINCT p.id
          FROM plan_instalment i
          JOIN payment_plan p ON p.tenant_id = i.tenant_id AND p.id = i.plan_id
         WHERE i.tenant_id = ${agency.id}::uuid AND i.status IN ('DUE', 'LATE') AND i.due_on < ${today}::date
           AND p.status = 'ACTIVE'`,
      client,
    );
    for (const { id } of due) {
      const outcome = await inTenant({ tenantId: agency.id }, (tx) => checkPlan(tx, agency.id, id, today, now), client);
      report.plansChecked += 1;
      report.instalmentsOverdue += outcome.overdue;
      if (outcome.broken) report.plansBroken += 1;
    }
    // A creditor's approval whose letter was lost between its commit and the letter's, or a letter that waits for a
    // rate the tables did not hold (issue-plan-letter.ts): issued once the figures are no longer estimated.
    const unlettered = await inTenant(
      { tenantId: agency.id },
      (tx) => tx.$queryRaw<{ id: string }[]>`
        SELECT p.id FROM payment_plan p
         WHERE p.tenant_id = ${agency.id}::uuid AND p.status = 'ACTIVE'
           AND (p.decided_at > ${now}::timestamptz - interval '7 days'
                OR EXISTS (SELECT 1 FROM activity a WHERE a.tenant_id = p.tenant_id AND a.file_id = p.file_id
                             AND a.kind = 'plan.letter_waiting' AND a.details->>'planId' = p.id::text))
           AND NOT EXISTS (SELECT 1 FROM document d WHERE d.tenant_id = p.tenant_id AND d.kind = 'PLAN_LETTER'
                             AND d.execution_key = 'plan-letter:' || p.id::text)`,
      client,
    );
    for (const { id } of unlettered) {
      const issued = await issueDecidedPlanLetter(agency.id, id, now);
      if (issued.messageId) await sendPlanMails(agency.id, [issued.messageId]);
      if (issued.issued) report.lettersIssued += 1;
      else if (issued.waiting) report.lettersWaiting += 1;
    }
  }
  return report;
}

async function checkPlan(
  tx: Prisma.TransactionClient,
  tenantId: string,
  planId: string,
  today: string,
  now: Date,
): Promise<{ broken: boolean; overdue: number }> {
  const found = await tx.paymentPlan.findFirst({ where: { tenantId, id: planId }, select: { fileId: true } });
  if (!found) return { broken: false, overdue: 0 };
  const [file] = await lockFilesById(tx, tenantId, [found.fileId]);
  if (!file) return { broken: false, overdue: 0 };
  // Read again under the lock: a payment or a cancellation may have settled it since the list was made.
  const plan = await tx.paymentPlan.findFirst({ where: { tenantId, id: planId, status: 'ACTIVE' } });
  if (!plan) return { broken: false, overdue: 0 };
  const before = await tx.planInstalment.findMany({ where: { tenantId, planId }, orderBy: { seq: 'asc' } });
  const progress = await progressPlan(tx, plan, 0, today);
  const turned = progress.instalments.filter((i, n) => i.status !== before[n]!.status && i.status !== 'PAID');

  const late = turned
    .filter((t) => t.status === 'LATE')
    .map((i) => ({
      kind: 'plan.instalment_late' as const,
      details: {
        planId,
        seq: i.seq,
        dueOn: i.dueOn,
        unpaidCents: i.amountCents - i.paidCents,
        breaksOn: addDays(i.dueOn, plan.graceDays),
        currency: file.currency,
      },
    }));
  if (progress.broken) {
    const interestResumesOn = await breakPlan(tx, plan, progress.instalments, now, today);
    const missed = progress.instalments.filter((i) => i.status === 'MISSED');
    const unpaid = missed.reduce((s, i) => s + i.amountCents - i.paidCents, 0);
    // Nobody signed in did this: the audit entry has no actor.
    await saveFile(
      tx,
      file,
      file.status === 'PAYMENT_PLAN' ? { status: 'IN_PROGRESS' } : {},
      {
        by: null,
        lines: [
          ...late,
          {
            kind: 'plan.broken',
            details: {
              planId,
              missed: missed.map((i) => i.seq),
              missedCount: missed.length,
              unpaidCents: unpaid,
              graceDays: plan.graceDays,
              currency: file.currency,
              ...(interestResumesOn ? { interestResumesOn } : {}),
            },
          },
        ],
        audit: {
          action: 'plan.broken',
          entity: 'payment_plan',
          entityId: planId,
          line: late.length,
          details: { missed: missed.map((i) => i.seq).join(','), unpaidCents: unpaid },
        },
      },
      now,
    );
  } else {
    // An instalment running late is the plan's news, not a change of the file.
    await recordTimelineLines(tx, { tenantId, fileId: file.id, actorId: null }, late);
  }
  if (progress.broken || turned.length > 0) await refreshFiles(tx, tenantId, [file.id], today);
  return { broken: progress.broken, overdue: turned.length };
}
