import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { PARTNER_MESSAGES, partnerFieldsSchema } from './schemas';

/** Adds a commissaire de justice or a lawyer to the agency's directory; an e-mail already listed is refused. */
export async function createPartner({ actor, input, ip }: { actor: Actor; input: unknown; ip?: string }) {
  authorize(actor, 'partners.manage');
  const fields = parseInput(partnerFieldsSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const taken = await tx.partner.findFirst({
      where: { tenantId: actor.tenantId, email: fields.email },
      select: { id: true },
    });
    if (taken) throw AppError.invalid({ email: PARTNER_MESSAGES.emailTaken });
    const partner = await tx.partner.create({ data: { tenantId: actor.tenantId, ...fields }, select: { id: true } });
    await recordAudit(tx, actor, {
      action: 'partner.created',
      entity: 'partner',
      entityId: partner.id,
      ip,
      details: { kind: fields.kind, name: fields.name },
    });
    return { partnerId: partner.id };
  });
}
