import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { mandateVersionSchema } from '../creditors/schemas';
import { STALE_MANDATE } from '../creditors/update-mandate';
import { payoutDetailsSchema } from './schemas';

/**
 * A manager records where the creditor's funds are remitted (its IBAN, checked, and BIC) and how: net of the
 * commission or gross with a separate invoice. Runs already proposed keep the account they were proposed with.
 */
export async function updatePayoutDetails({
  actor,
  mandateId,
  updatedAt,
  input,
  ip,
}: {
  actor: Actor;
  mandateId: unknown;
  updatedAt: unknown;
  input: unknown;
  ip?: string;
}): Promise<{ id: string; updatedAt: string }> {
  authorize(actor, 'mandates.manage');
  const version = parseInput(mandateVersionSchema, { mandateId, updatedAt });
  const details = parseInput(payoutDetailsSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM mandate WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${version.mandateId}::uuid
                         FOR UPDATE`;
    const current = await tx.mandate.findFirst({ where: { tenantId: actor.tenantId, id: version.mandateId } });
    if (!current) throw AppError.notFound();
    if (current.updatedAt.getTime() !== version.updatedAt.getTime()) throw new AppError('CONFLICT', STALE_MANDATE);
    const next = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
    await tx.mandate.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: current.id } },
      data: { ...details, updatedAt: next },
    });
    await recordAudit(tx, actor, {
      action: 'mandate.payout_updated',
      entity: 'mandate',
      entityId: current.id,
      ip,
      details: {
        reference: current.reference,
        iban: `${details.payoutIban.slice(0, 4)}…${details.payoutIban.slice(-4)}`,
        bic: details.payoutBic,
        mode: details.remittanceMode,
      },
    });
    return { id: current.id, updatedAt: next.toISOString() };
  });
}
