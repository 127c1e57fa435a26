import { recordAudit } from '../audit/record-audit';
import { isUniqueViolation } from '../db/errors';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { termsToColumns } from './mandate-row';
import { MANDATE_MESSAGES } from './messages';
import { creditorRefSchema, mandateTermsSchema } from './schemas';

export interface CreateMandateOptions {
  actor: Actor;
  creditorId: unknown;
  /** The form fields or API body, validated by mandateTermsSchema. */
  input: unknown;
  ip?: string;
}

export function referenceTaken(): AppError {
  return new AppError('CONFLICT', MANDATE_MESSAGES.referenceTaken, { reference: MANDATE_MESSAGES.referenceTaken });
}

/** Records the mandate a creditor signed with the agency (agency admins and managers only). */
export async function createMandate({ actor, creditorId, input, ip }: CreateMandateOptions): Promise<{ id: string }> {
  authorize(actor, 'mandates.manage');
  const ref = parseInput(creditorRefSchema, { creditorId });
  const terms = parseInput(mandateTermsSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const creditor = await tx.creditor.findFirst({
      where: { tenantId: actor.tenantId, id: ref.creditorId },
      select: { id: true, code: true },
    });
    if (!creditor) throw AppError.notFound();
    const taken = await tx.mandate.findFirst({
      where: { tenantId: actor.tenantId, reference: terms.reference },
      select: { id: true },
    });
    if (taken) throw referenceTaken();
    const mandate = await tx.mandate
      .create({
        data: { tenantId: actor.tenantId, creditorId: creditor.id, ...termsToColumns(terms), updatedAt: new Date() },
        select: { id: true },
      })
      .catch((error: unknown) => {
        // Two agents saving the same reference at once: the unique index decides.
        throw isUniqueViolation(error) ? referenceTaken() : error;
      });
    await recordAudit(tx, actor, {
      action: 'mandate.created',
      entity: 'mandate',
      entityId: mandate.id,
      ip,
      details: {
        creditor: creditor.code,
        reference: terms.reference,
        scope: terms.scope,
        startsOn: terms.startsOn,
        endsOn: terms.endsOn,
        commissionAmicableBps: terms.commissionAmicableBps,
        commissionJudicialBps: terms.commissionJudicialBps,
        judicialCostsBy: terms.judicialCostsBy,
      },
    });
    return mandate;
  });
}
