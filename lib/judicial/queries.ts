import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { DeadlineKind } from '../judicial-codes/codes';
import { isRouteCode, nextSteps, type StepRule } from './catalogue';
import { deadlineState, type DeadlineState } from './rules';

export interface DeadlineView {
  id: string;
  kind: DeadlineKind;
  dueOn: string;
  closedOn: string | null;
  state: DeadlineState;
}

export interface ProcedureView {
  id: string;
  route: string;
  stage: string;
  outcome: string | null;
  startedOn: string;
  titleOn: string | null;
  endedOn: string | null;
  /** The sum the court granted, when a step gave it. */
  grantedCents: number | null;
  /** The calendar its deadlines are counted in (where its court sits). */
  holidayRegion: string;
  steps: { id: string; kind: string; on: string; details: unknown }[];
  deadlines: DeadlineView[];
  /** What may be recorded next (empty once ended). */
  next: StepRule[];
}

/** A file's procedures, the running one first, each with its steps, deadlines and what may follow. */
export async function fileProcedures({
  actor,
  fileId,
  now = new Date(),
}: {
  actor: Actor;
  fileId: string;
  now?: Date;
}): Promise<{ today: string; procedures: ProcedureView[] }> {
  authorize(actor, 'files.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const rows = await tx.judicialProcedure.findMany({
      where: {
        tenantId: actor.tenantId,
        fileId,
      },
      include: {
        steps: { orderBy: [{ occurredOn: 'asc' }, { recordedAt: 'asc' }] },
        deadlines: { orderBy: { dueOn: 'asc' } },
      },
      orderBy: [{ startedOn: 'desc' }, { createdAt: 'desc' }],
    });
    return {
      today: clock.today,
      procedures: rows.map((p) => ({
        id: p.id,
        route: p.route,
        stage: p.stage,
        outcome: p.outcome,
        startedOn: dayOf(p.startedOn),
        titleOn: p.titleOn ? dayOf(p.titleOn) : null,
        endedOn: p.endedOn ? dayOf(p.endedOn) : null,
        grantedCents: p.grantedCents === null ? null : Number(p.grantedCents),
        holidayRegion: p.holidayRegion,
        steps: p.steps.map((s) => ({ id: s.id, kind: s.kind, on: dayOf(s.occurredOn), details: s.details })),
        // An ended procedure's deadlines stand as they stood the day it ended: one its file's closing left open
        // does not turn red months later on a closed file (one that lapsed before still shows so).
        deadlines: p.deadlines.map((d) => deadlineView(d, endedBy(p.endedOn, clock.today))),
        // An agent or manager records steps; a creditor user only reads.
        next:
          p.endedOn === null && isRouteCode(p.route) && actor.role !== 'CREDITOR' ? nextSteps(p.route, p.stage) : [],
      })),
    };
  });
}

/** The day a procedure's deadlines are read at: today, or the day it ended if that was before. */
function endedBy(endedOn: Date | null, today: string): string {
  const ended = endedOn ? dayOf(endedOn) : null;
  return ended !== null && ended < today ? ended : today;
}

function deadlineView(
  d: { id: string; kind: string; dueOn: Date; closedOn: Date | null },
  today: string,
): DeadlineView {
  const dueOn = dayOf(d.dueOn);
  const closedOn = d.closedOn ? dayOf(d.closedOn) : null;
  return {
    id: d.id,
    kind: d.kind as DeadlineKind,
    dueOn,
    closedOn,
    state: deadlineState(d.kind as DeadlineKind, dueOn, closedOn, today),
  };
}

export interface BoardRow {
  procedureId: string;
  fileId: string;
  fileReference: string;
  debtorName: string;
  creditorName: string;
  route: string;
  stage: string;
  outcome: string | null;
  startedOn: string;
  titleOn: string | null;
  deadlines: DeadlineView[];
  /** The worst state among its open deadlines: LAPSED shows as a red line. */
  worst: DeadlineState | null;
}

const RANK: Record<DeadlineState, number> = { LAPSED: 4, DUE_SOON: 3, OVER: 2, OPEN: 1, MET: 0 };

/**
 * The manager's view of the running procedures: each with its open deadlines, lapsed ones first (never silent),
 * then those due within the alert window, then by route.
 */
export async function judicialBoard({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  authorize(actor, 'judicial.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const rows = await tx.$queryRaw<
      {
        id: string;
        file_id: string;
        reference: string;
        debtor_name: string;
        creditor_name: string;
        route: string;
        stage: string;
        outcome: string | null;
        started_on: Date;
        title_on: Date | null;
      }[]
    >`
      SELECT p.id::text, f.id::text AS file_id, f.reference, d.display_name AS debtor_name, c.name AS creditor_name,
             p.route, p.stage, p.outcome, p.started_on, p.title_on
        FROM judicial_procedure p
        JOIN case_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
        JOIN creditor c ON c.tenant_id = f.tenant_id AND c.id = f.creditor_id
       -- A closed file's procedure has nothing left to watch (paid through the partner, or closed by a decision).
       WHERE p.tenant_id = ${actor.tenantId}::uuid AND p.ended_on IS NULL AND f.phase <> 'CLOSED'
       ORDER BY p.started_on, p.id
       LIMIT 500`;
    const deadlines = await tx.judicialDeadline.findMany({
      where: { tenantId: actor.tenantId, procedureId: { in: rows.map((r) => r.id) }, closedOn: null },
      orderBy: { dueOn: 'asc' },
    });
    const board: BoardRow[] = rows.map((r) => {
      const mine = deadlines.filter((d) => d.procedureId === r.id).map((d) => deadlineView(d, clock.today));
      const worst = mine.reduce<DeadlineState | null>(
        (w, d) => (w === null || RANK[d.state] > RANK[w] ? d.state : w),
        null,
      );
      return {
        procedureId: r.id,
        fileId: r.file_id,
        fileReference: r.reference,
        debtorName: r.debtor_name,
        creditorName: r.creditor_name,
        route: r.route,
        stage: r.stage,
        outcome: r.outcome,
        startedOn: dayOf(r.started_on),
        titleOn: r.title_on ? dayOf(r.title_on) : null,
        deadlines: mine,
        worst,
      };
    });
    board.sort((a, b) => RANK[b.worst ?? 'MET'] - RANK[a.worst ?? 'MET'] || a.route.localeCompare(b.route));
    return { today: clock.today, board };
  });
}
