import type pg from 'pg';
import type { Mandate } from '../db/generated/client';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { translate } from '../i18n/translate';
import { activeMandateFor, dayOf, intakeRefusal, type CreditorLabel, type MandatePeriod } from './rules';
import { isCalendarDay } from './schemas';

export interface RequireActiveMandateOptions {
  tenantId: string;
  creditorId: string;
  /** The agency's calendar day, YYYY-MM-DD. */
  today: string;
}

/**
 * The mandate new files for this creditor are placed under, read inside the caller's tenant transaction
 * (an import, the intake API). No mandate in force means no intake (CPCE R124-3): INVALID with the reason.
 */
export async function requireActiveMandate(
  tx: Tx,
  { tenantId, creditorId, today }: RequireActiveMandateOptions,
): Promise<Mandate> {
  if (!isCalendarDay(today)) throw new Error(`requireActiveMandate: today must be YYYY-MM-DD, got ${today}`);
  const creditor = await tx.creditor.findFirst({
    where: { tenantId, id: creditorId },
    select: { name: true, code: true },
  });
  const rows = await tx.mandate.findMany({ where: { tenantId, creditorId } });
  const mandates = rows.map((row) => ({
    row,
    reference: row.reference,
    startsOn: dayOf(row.startsOn),
    endsOn: row.endsOn ? dayOf(row.endsOn) : null,
  }));
  return inForce(creditor, mandates, today).row;
}

/**
 * The same rule read with a plain pg connection inside the caller's tenant transaction: the import path runs
 * on one (COPY), and loading Prisma's query engine only for this would double the importing process's memory.
 */
export async function requireActiveMandateSql(
  client: pg.ClientBase,
  { tenantId, creditorId, today }: RequireActiveMandateOptions,
): Promise<{ id: string; reference: string }> {
  if (!isCalendarDay(today)) throw new Error(`requireActiveMandate: today must be YYYY-MM-DD, got ${today}`);
  const { rows: creditors } = await client.query<CreditorLabel>(
    'SELECT name, code FROM creditor WHERE tenant_id = $1 AND id = $2',
    [tenantId, creditorId],
  );
  const { rows } = await client.query<{ id: string; reference: string; startsOn: string; endsOn: string | null }>(
    `SELECT id, reference, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
       FROM mandate WHERE tenant_id = $1 AND creditor_id = $2`,
    [tenantId, creditorId],
  );
  return inForce(creditors[0], rows, today);
}

function inForce<M extends MandatePeriod & { reference: string }>(
  creditor: CreditorLabel | null | undefined,
  mandates: M[],
  today: string,
): M {
  if (!creditor) throw AppError.notFound('Creditor');
  const active = activeMandateFor(mandates, today);
  if (active) return active;
  const ref = intakeRefusal(creditor, mandates, today) ?? {
    key: 'mandate.none',
    values: { creditor: creditor.name, code: creditor.code },
  };
  throw new AppError('INVALID', translate(ref), undefined, ref);
}
