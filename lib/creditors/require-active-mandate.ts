import type { Mandate } from '../db/generated/client';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { translate } from '../i18n/translate';
import { activeMandateFor, dayOf, intakeRefusal } from './rules';
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
  if (!creditor) throw AppError.notFound('Creditor');
  const rows = await tx.mandate.findMany({ where: { tenantId, creditorId } });
  const mandates = rows.map((row) => ({
    row,
    reference: row.reference,
    startsOn: dayOf(row.startsOn),
    endsOn: row.endsOn ? dayOf(row.endsOn) : null,
  }));
  const active = activeMandateFor(mandates, today);
  if (active) return active.row;
  const ref = intakeRefusal(creditor, mandates, today) ?? { key: 'mandate.none', values: creditor };
  throw new AppError('INVALID', translate(ref), undefined, ref);
}
