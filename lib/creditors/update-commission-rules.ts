import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { commissionRulesSchema } from '../accounting/commission-terms';
import { commissionRulesFormSchema } from './commission-rules-form';
import { mandateVersionSchema } from './schemas';
import { STALE_MANDATE } from './update-mandate';

export interface UpdateCommissionRulesOptions {
  actor: Actor;
  mandateId: unknown;
  /** The mandate's updatedAt as the editor read it (the same lock as the mandate form). */
  updatedAt: unknown;
  input: unknown;
  ip?: string;
}

/**
 * A manager changes a mandate's commission terms (tiers, fee per letter, minimum, maximum, direct payments, VAT).
 * Commission already charged stays as it was: only payments recorded afterwards use the new terms.
 */
export async function updateCommissionRules({
  actor,
  mandateId,
  updatedAt,
  input,
  ip,
}: UpdateCommissionRulesOptions): Promise<{ id: string; updatedAt: string }> {
  authorize(actor, 'commission.manage');
  const version = parseInput(mandateVersionSchema, { mandateId, updatedAt });
  const rules = parseInput(commissionRulesFormSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM mandate WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${version.mandateId}::uuid
                         FOR UPDATE`;
    const current = await tx.mandate.findFirst({ where: { tenantId: actor.tenantId, id: version.mandateId } });
    if (!current) throw AppError.notFound();
    if (current.updatedAt.getTime() !== version.updatedAt.getTime()) throw new AppError('CONFLICT', STALE_MANDATE);
    const before = commissionRulesSchema.parse(current.commissionRules ?? {});
    const next = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
    await tx.mandate.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: current.id } },
      data: { commissionRules: rules, updatedAt: next },
    });
    await recordAudit(tx, actor, {
      action: 'mandate.commission_updated',
      entity: 'mandate',
      entityId: current.id,
      ip,
      details: { reference: current.reference, before: JSON.stringify(before), after: JSON.stringify(rules) },
    });
    return { id: current.id, updatedAt: next.toISOString() };
  });
}
