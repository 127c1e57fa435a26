import { invoicePaymentEntry } from '../accounting/ledger-entries';
import { postEntry } from '../accounting/post-entry';
import { recordAudit } from '../audit/record-audit';
import { agencyToday } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { INVOICE_MESSAGES as M } from './messages';
import { invoiceLeftSql } from './queries';
import { invoicePaymentSchema } from './schemas';

/**
 * The creditor paid a commission invoice into the agency's own account (a gross remittance left the commission
 * receivable, due by the invoice's date). A manager records it from the agency's bank statement: the payment row, and
 * the ledger entry that settles the creditor's receivable (INVOICE_PAYMENT, pointing at the invoice), in one
 * transaction. Never more than the invoice still asks for; a credit note, or an invoice settled from the funds, asks
 * for nothing.
 */
export async function recordInvoicePayment({
  actor,
  ip,
  ...input
}: {
  actor: Actor;
  ip?: string;
  [k: string]: unknown;
}) {
  authorize(actor, 'payouts.manage');
  const p = parseInput(invoicePaymentSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    // Two managers recording a payment of the same invoice at once wait for each other here (invoices are
    // append-only, so no row lock: a transaction-scoped advisory lock on the invoice).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invoice-payment:${p.invoiceId}`}, 0))`;
    const [invoice] = await tx.$queryRaw<
      { id: string; kind: string; creditor_id: string; currency: string; left_cents: bigint }[]
    >`
      SELECT ci.id::text, ci.kind, ci.creditor_id::text, ci.currency, ${invoiceLeftSql} AS left_cents
        FROM commission_invoice ci
       WHERE ci.tenant_id = ${actor.tenantId}::uuid AND ci.id = ${p.invoiceId}::uuid`;
    if (!invoice) throw AppError.notFound();
    const left = BigInt(invoice.left_cents);
    if (invoice.kind !== 'INVOICE' || left <= 0n) throw AppError.refused('CONFLICT', M.notPayable);
    if (BigInt(p.amount) > left) throw AppError.invalid({ amount: M.overpaid });
    if (p.receivedOn > (await agencyToday(tx, actor.tenantId))) throw AppError.invalid({ receivedOn: M.receivedOn });

    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO commission_invoice_payment (tenant_id, invoice_id, creditor_id, amount_cents, received_on, reference,
                                              recorded_by)
      VALUES (${actor.tenantId}::uuid, ${invoice.id}::uuid, ${invoice.creditor_id}::uuid, ${BigInt(p.amount)},
              ${p.receivedOn}::date, ${p.reference ?? null}, ${personOf(actor)}::uuid)
      RETURNING id::text`;
    const entryId = await postEntry(
      tx,
      {
        tenantId: actor.tenantId,
        effectiveOn: p.receivedOn,
        currency: invoice.currency,
        creditorId: invoice.creditor_id,
        invoiceId: invoice.id,
        postedBy: personOf(actor),
      },
      invoicePaymentEntry({ creditorId: invoice.creditor_id }, { amountCents: BigInt(p.amount) }),
    );
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'invoice.payment_recorded',
        entity: 'commission_invoice',
        entityId: invoice.id,
        ...(ip ? { ip } : {}),
        details: { paymentId: row!.id, entryId, amountCents: p.amount, receivedOn: p.receivedOn },
      },
    );
    return { paymentId: row!.id, entryId, paid: BigInt(p.amount) === left, leftCents: Number(left) - p.amount };
  });
}
