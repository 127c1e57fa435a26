import { procedureCourtCalendar } from '../cases/court-calendar';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { RouteCode } from '../judicial-codes/codes';
import { JUDICIAL_MESSAGES as M } from './schemas';

/**
 * Opens the procedure an approved escalation chose, in the approval's transaction: its first step (STARTED) is the
 * day of the decision. A file runs one procedure at a time (a partial unique index): a second is a CONFLICT.
 */
export async function startProcedure(
  tx: Tx,
  p: { tenantId: string; fileId: string; escalationId: string; route: RouteCode; on: string; by: string | null },
): Promise<string> {
  const running = await tx.judicialProcedure.findFirst({
    where: { tenantId: p.tenantId, fileId: p.fileId, endedOn: null },
    select: { id: true },
  });
  if (running) throw new AppError('CONFLICT', M.procedureRunning);
  const procedure = await tx.judicialProcedure.create({
    data: {
      tenantId: p.tenantId,
      fileId: p.fileId,
      escalationId: p.escalationId,
      route: p.route,
      // The court of the debtor's domicile keeps its own holidays (decision 0018; lib/cases/court-calendar.ts).
      holidayRegion: await procedureCourtCalendar(tx, p.tenantId, p.fileId),
      stage: 'STARTED',
      startedOn: new Date(`${p.on}T00:00:00Z`),
      startedBy: p.by,
    },
    select: { id: true },
  });
  await tx.judicialStep.create({
    data: {
      tenantId: p.tenantId,
      procedureId: procedure.id,
      fileId: p.fileId,
      kind: 'STARTED',
      occurredOn: new Date(`${p.on}T00:00:00Z`),
      details: {},
      recordedBy: p.by,
    },
  });
  return procedure.id;
}
