import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

export interface CreditorPaymentNotice {
  id: string;
  fileId: string;
  fileReference: string;
  debtorName: string;
  amountCents: number;
  currency: string;
  receivedOn: string;
  remainingCents: number;
  createdAt: Date;
}

/**
 * The payments a creditor is told of (CPCE R124-5), newest first, for its portal. Only its own files: the
 * creditor filter here and, behind it, the creditor_notification policy of row security.
 */
export async function listCreditorNotifications(actor: Actor, take = 100): Promise<CreditorPaymentNotice[]> {
  authorize(actor, 'portal.home');
  if (!actor.creditorId) return [];
  return inTenant(scopeOf(actor), async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: string;
        file_id: string;
        reference: string;
        debtor: string;
        amount_cents: bigint;
        currency: string;
        received_on: string;
        remaining_cents: bigint;
        created_at: Date;
      }[]
    >`
      SELECT n.id::text, n.file_id::text, f.reference, d.display_name AS debtor, n.amount_cents, n.currency,
             n.received_on::text, n.remaining_cents, n.created_at
        FROM creditor_notification n
        JOIN case_file f ON f.tenant_id = n.tenant_id AND f.id = n.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE n.tenant_id = ${actor.tenantId}::uuid AND n.creditor_id = ${actor.creditorId}::uuid
       ORDER BY n.created_at DESC, n.id LIMIT ${take}`;
    return rows.map((r) => ({
      id: r.id,
      fileId: r.file_id,
      fileReference: r.reference,
      debtorName: r.debtor,
      amountCents: Number(r.amount_cents),
      currency: r.currency.trim(),
      receivedOn: r.received_on,
      remainingCents: Number(r.remaining_cents),
      createdAt: r.created_at,
    }));
  });
}
