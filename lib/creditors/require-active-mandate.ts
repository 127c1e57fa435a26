import type { RawTx } from '../db/raw';
import { AppError } from '../errors/app-error';
import { translate } from '../i18n/translate';
import { activeMandateFor, intakeRefusal, type CreditorLabel, type MandatePeriod } from './rules';
import { isCalendarDay } from '../dates/days';

export interface RequireActiveMandateOptions {
  tenantId: string;
  creditorId: string;
  /** The agency's calendar day, YYYY-MM-DD. */
  today: string;
}

/**
 * The mandate new files for this creditor are placed under, read inside the caller's tenant transaction: an
 * import's pg connection (pgTx) or a use case's Prisma transaction. No mandate in force means no intake
 * (CPCE R124-3): INVALID with the reason.
 */
export async function requireActiveMandate(
  tx: RawTx,
  { tenantId, creditorId, today }: RequireActiveMandateOptions,
): Promise<{ id: string; reference: string }> {
  if (!isCalendarDay(today)) throw new Error(`requireActiveMandate: today must be YYYY-MM-DD, got ${today}`);
  const creditors = await tx.$queryRaw<CreditorLabel[]>`
    SELECT name, code FROM creditor WHERE tenant_id = ${tenantId}::uuid AND id = ${creditorId}::uuid`;
  const mandates = await tx.$queryRaw<{ id: string; reference: string; startsOn: string; endsOn: string | null }[]>`
    SELECT id, reference, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
      FROM mandate WHERE tenant_id = ${tenantId}::uuid AND creditor_id = ${creditorId}::uuid`;
  return inForce(creditors[0], mandates, today);
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
