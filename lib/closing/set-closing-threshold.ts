import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { closingThreshold } from './closing-facts';
import { closingSettingsSchema } from './schemas';

/** The agency's threshold above which an agent's closing waits for a manager (what it writes off, in cents). */
export async function setClosingThreshold({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
}): Promise<{ thresholdCents: number }> {
  authorize(actor, 'closings.settings');
  const { thresholdCents } = parseInput(closingSettingsSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const previous = await closingThreshold(tx, actor.tenantId);
    await tx.closingSetting.upsert({
      where: { tenantId: actor.tenantId },
      create: {
        tenantId: actor.tenantId,
        approvalThresholdCents: BigInt(thresholdCents),
        updatedBy: actor.membershipId,
      },
      update: { approvalThresholdCents: BigInt(thresholdCents), updatedBy: actor.membershipId, updatedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: 'closing.threshold_set',
      entity: 'closing_setting',
      entityId: actor.tenantId,
      ip,
      details: { thresholdCents, previousCents: previous },
    });
    return { thresholdCents };
  });
}
