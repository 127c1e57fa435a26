import { agencyWindow } from '../compliance/agency-window';
import { areaOf } from '../compliance/debtor-area';
import type { HolidayRegion } from '../compliance/holidays';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { RouteCode } from '../judicial-codes/codes';
import { JUDICIAL_MESSAGES as M } from './schemas';

/**
 * The calendar of the court the procedure goes before: the debtor's, from its address (the court of the debtor's
 * domicile, CPC 42 and 1406 for an order to pay) — Alsace-Moselle or an overseas collectivity has holidays of its
 * own (lib/compliance/debtor-area.ts) — and the agency's own calendar for a debtor with no French address.
 */
async function courtCalendar(tx: Tx, tenantId: string, fileId: string): Promise<HolidayRegion> {
  const [address] = await tx.$queryRaw<{ postcode: string | null; country: string | null }[]>`
    SELECT cp.postcode, cp.country
      FROM case_file f JOIN contact_point cp ON cp.tenant_id = f.tenant_id AND cp.debtor_id = f.debtor_id
     WHERE f.tenant_id = ${tenantId}::uuid AND f.id = ${fileId}::uuid AND cp.kind = 'ADDRESS'
     ORDER BY (cp.status = 'VALID') DESC, cp.created_at DESC
     LIMIT 1`;
  const area = areaOf(address ?? null);
  if (area) return area.holidayRegion ?? 'FR';
  const french = ['', 'FR', 'FRA', 'FRANCE'].includes((address?.country ?? '').trim().toUpperCase());
  const mainland = address && french && /^\d{5}$/.test((address.postcode ?? '').replace(/\s/g, ''));
  return mainland ? 'FR' : (await agencyWindow(tx, tenantId)).holidayRegion;
}

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
      holidayRegion: await courtCalendar(tx, p.tenantId, p.fileId),
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
