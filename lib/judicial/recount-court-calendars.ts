import { procedureCourtCalendar } from '../cases/court-calendar';
import { startOfDayIn } from '../compliance/zoned-time';
import { agencyClock } from '../dates/agency-clock';
import { db } from '../db/client';
import { inTenant, type Tx } from '../db/tenant';
import type { DeadlineKind, RouteCode } from '../judicial-codes/codes';
import type { HolidayRegion } from '../compliance/holidays';
import { checkTaskNote, taskNote } from '../tasks/notes';
import { stepRule } from './catalogue';
import { alertDay, deadlinesOpened } from './rules';

export interface RecountedProcedure {
  procedureId: string;
  holidayRegion: string;
  /** The open deadlines whose day moved, with their day before and after. */
  moved: { deadlineId: string; kind: string; from: string; to: string }[];
}

/**
 * Procedures started before their court's calendar was recorded ran on the metropolitan one (migration
 * 20261209121000 marks those still running): each gets its court's calendar from the debtor's address, as a
 * procedure starting today would (./start-procedure.ts), and each open deadline is counted again from the step that
 * opened it in that calendar (CPC 642), its agenda task moved with it. A deadline already met or an ended procedure is
 * history and stays as it was. Idempotent: a procedure is unmarked in the transaction that recounts it.
 */
export async function recountCourtCalendars(tx: Tx, tenantId: string): Promise<RecountedProcedure[]> {
  const procedures = await tx.judicialProcedure.findMany({
    where: { tenantId, calendarRecount: true },
    select: { id: true, fileId: true, route: true, holidayRegion: true, endedOn: true },
    orderBy: { id: 'asc' },
  });
  if (procedures.length === 0) return [];
  const { timeZone } = await agencyClock(tx, tenantId);
  const recounted: RecountedProcedure[] = [];
  for (const p of procedures) {
    const region = p.endedOn
      ? (p.holidayRegion as HolidayRegion)
      : await procedureCourtCalendar(tx, tenantId, p.fileId);
    const moved: RecountedProcedure['moved'] = [];
    if (!p.endedOn) {
      const open = await tx.$queryRaw<
        { id: string; kind: string; dueOn: string; taskId: string | null; stepKind: string; stepOn: string }[]
      >`
        SELECT d.id::text, d.kind, d.due_on::text AS "dueOn", d.task_id::text AS "taskId", s.kind AS "stepKind",
               s.occurred_on::text AS "stepOn"
          FROM judicial_deadline d
          JOIN judicial_step s ON s.tenant_id = d.tenant_id AND s.id = d.opened_by_step
         WHERE d.tenant_id = ${tenantId}::uuid AND d.procedure_id = ${p.id}::uuid AND d.closed_on IS NULL
         ORDER BY d.id`;
      for (const d of open) {
        const rule = stepRule(p.route as RouteCode, d.stepKind);
        const again = rule ? deadlinesOpened(rule, d.stepOn, { region }).find((o) => o.kind === d.kind) : undefined;
        if (!again || again.dueOn === d.dueOn) continue;
        await tx.judicialDeadline.update({
          where: { tenantId_id: { tenantId, id: d.id } },
          data: { dueOn: new Date(`${again.dueOn}T00:00:00Z`) },
        });
        if (d.taskId)
          await tx.task.updateMany({
            where: { tenantId, id: d.taskId, status: 'OPEN' },
            data: {
              dueAt: startOfDayIn(alertDay(d.stepOn, again.dueOn), timeZone),
              noteRef: checkTaskNote(
                taskNote('judicial.deadline', {
                  deadline: d.kind as DeadlineKind,
                  dueOn: again.dueOn,
                  route: p.route as RouteCode,
                }),
              ) as object,
            },
          });
        moved.push({ deadlineId: d.id, kind: d.kind, from: d.dueOn, to: again.dueOn });
      }
    }
    await tx.judicialProcedure.update({
      where: { tenantId_id: { tenantId, id: p.id } },
      data: { holidayRegion: region, calendarRecount: false },
    });
    recounted.push({ procedureId: p.id, holidayRegion: region, moved });
  }
  return recounted;
}

/** Every agency's marked procedures, each agency in its own transaction (the worker, when it starts). */
export async function recountAllCourtCalendars(): Promise<number> {
  // agency is global (no row-level security): the application role may list it without a tenant context.
  const agencies = await db().agency.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  let count = 0;
  for (const agency of agencies)
    count += (await inTenant({ tenantId: agency.id }, (tx) => recountCourtCalendars(tx, agency.id))).length;
  return count;
}
