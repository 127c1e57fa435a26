import type { MandateScope } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import { AppError } from '../errors/app-error';
import type { MessageRef } from '../i18n/message-ref';
import { activeMandateFor, intakeRefusal, type CreditorLabel, type MandatePeriod } from './rules';
import { isCalendarDay } from '../dates/days';

/** A stored-style reference (under `reasons`) thrown as an error reference (from the catalogue's root). */
const asError = (ref: MessageRef) => ({ key: `reasons.${ref.key}`, ...(ref.values ? { values: ref.values } : {}) });

export interface RequireActiveMandateOptions {
  tenantId: string;
  creditorId: string;
  /** The agency's calendar day, YYYY-MM-DD. */
  today: string;
}

interface InForce {
  id: string;
  reference: string;
  scope: MandateScope;
}

/**
 * The mandate new files for this creditor are placed under, read inside the caller's tenant transaction: an
 * import's pg connection (pgTx) or a use case's Prisma transaction. No mandate in force means no intake
 * (CPCE R124-3): INVALID with the reason.
 */
export async function requireActiveMandate(tx: RawTx, options: RequireActiveMandateOptions): Promise<InForce> {
  const found = await mandateInForce(tx, options);
  if ('refusal' in found) throw new AppError('INVALID', asError(found.refusal));
  return found;
}

/**
 * Work on a placed file needs a mandate of its creditor in force too (issue 14: the mandate is enforced at every
 * action, not only at intake), and escalation one that covers the judicial phase. A refusal is a CONFLICT with the
 * catalogue's reason. Recording money received is the one action that never asks (lib/payments: the debtor paid;
 * the receipt is owed, CPCE R124-6), and neither do closing the file or correcting its claims.
 */
export async function requireMandateForAction(
  tx: RawTx,
  options: RequireActiveMandateOptions & { judicial?: boolean },
): Promise<InForce> {
  const found = await mandateInForce(tx, options);
  if ('refusal' in found) {
    throw new AppError('CONFLICT', asError({ key: 'mandate.notInForce', values: found.refusal.values }));
  }
  if (options.judicial && found.scope !== 'AMICABLE_AND_JUDICIAL') {
    throw new AppError('CONFLICT', asError({ key: 'mandate.amicableOnly', values: { mandate: found.reference } }));
  }
  return found;
}

async function mandateInForce(
  tx: RawTx,
  { tenantId, creditorId, today }: RequireActiveMandateOptions,
): Promise<InForce | { refusal: MessageRef }> {
  if (!isCalendarDay(today)) throw new Error(`mandateInForce: today must be YYYY-MM-DD, got ${today}`);
  const creditors = await tx.$queryRaw<CreditorLabel[]>`
    SELECT name, code FROM creditor WHERE tenant_id = ${tenantId}::uuid AND id = ${creditorId}::uuid`;
  const mandates = await tx.$queryRaw<
    { id: string; reference: string; scope: MandateScope; startsOn: string; endsOn: string | null }[]
  >`
    SELECT id, reference, scope::text AS scope, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
           to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
      FROM mandate WHERE tenant_id = ${tenantId}::uuid AND creditor_id = ${creditorId}::uuid`;
  return inForce(creditors[0], mandates, today);
}

function inForce<M extends MandatePeriod & InForce>(
  creditor: CreditorLabel | null | undefined,
  mandates: M[],
  today: string,
): M | { refusal: MessageRef } {
  if (!creditor) throw AppError.notFound();
  const active = activeMandateFor(mandates, today);
  if (active) return active;
  return {
    refusal: intakeRefusal(creditor, mandates, today) ?? {
      key: 'mandate.none',
      values: { creditor: creditor.name, code: creditor.code },
    },
  };
}
