import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { payoutSettingsSchema } from './schemas';

/**
 * The agency's payout settings: the total from which a run needs a second approver (empty: never), its
 * creditors'-funds account's BIC for the transfer files, and what its commission invoices name it by. Only an admin
 * sets who checks the managers.
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
      UPDATE agency SET payout_second_approval_cents = ${s.secondApprovalCents}, creditor_funds_bic = ${s.creditorFundsBic},
             legal_form = coalesce(${s.legalForm}, legal_form),
             share_capital_cents = coalesce(${s.shareCapitalCents}, share_capital_cents),
             rcs = coalesce(${s.rcs}, rcs), vat_number = coalesce(${s.vatNumber}, vat_number),
             invoice_payment_days = coalesce(${s.invoicePaymentDays}::int, invoice_payment_days)
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
          ...(s.vatNumber ? { vatNumber: s.vatNumber } : {}),
          ...(s.legalForm ? { legalForm: s.legalForm } : {}),
          ...(s.shareCapitalCents !== null ? { shareCapitalCents: Number(s.shareCapitalCents) } : {}),
          ...(s.rcs ? { rcs: s.rcs } : {}),
          ...(s.invoicePaymentDays !== null ? { invoicePaymentDays: s.invoicePaymentDays } : {}),
        },
      },
    );
  });
}
