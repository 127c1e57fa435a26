import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { PARTNER_MESSAGES, updatePartnerSchema } from './schemas';

/** Changes a partner's details, or sets it aside (inactive: no new hand-over; its history stays). */
export async function updatePartner({ actor, input, ip }: { actor: Actor; input: unknown; ip?: string }) {
  authorize(actor, 'partners.manage');
  const { partnerId, ...fields } = parseInput(updatePartnerSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const current = await tx.partner.findFirst({ where: { tenantId: actor.tenantId, id: partnerId } });
    if (!current) throw AppError.notFound();
    const taken = await tx.partner.findFirst({
      where: { tenantId: actor.tenantId, email: fields.email, id: { not: partnerId } },
      select: { id: true },
    });
    if (taken) throw AppError.invalid({ email: PARTNER_MESSAGES.emailTaken });
    await tx.partner.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: partnerId } },
      data: { ...fields, updatedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: 'partner.updated',
      entity: 'partner',
      entityId: partnerId,
      ip,
      details: { name: fields.name, active: fields.active, wasActive: current.active },
    });
    return { partnerId };
  });
}
