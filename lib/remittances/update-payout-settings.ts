import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { payoutSettingsSchema } from './schemas';

/**
 * The agency's payout settings: the total from which a run needs a second approver (empty: never), and its
 * creditors'-funds account's BIC for the transfer files. Only an admin sets who checks the managers.
 */
export async function updatePayoutSettings({
  actor,
  ip,
  ...input
}: {
  actor: Actor;
  ip?: string;
  [k: string]: unknown;
}) {
  authorize(actor, 'admin.system');
  const s = parseInput(payoutSettingsSchema, input);
  await inTenant(scopeOf(actor), async (tx) => {
    // agency has no row-level security: the WHERE on the actor's own agency is the wall.
    await tx.$executeRaw`
      UPDATE agency SET payout_second_approval_cents = ${s.secondApprovalCents}, creditor_funds_bic = ${s.creditorFundsBic}
       WHERE id = ${actor.tenantId}::uuid`;
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'payout.settings_updated',
        entity: 'agency',
        entityId: actor.tenantId,
        ...(ip ? { ip } : {}),
        details: {
          secondApprovalCents: s.secondApprovalCents === null ? null : Number(s.secondApprovalCents),
          creditorFundsBic: s.creditorFundsBic,
        },
      },
    );
  });
}
