import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { agencyToday } from '../dates/agency-clock';
import { addDays } from '../dates/days';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { given, orRequired } from '../forms/fields';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { buyerOf, correctedInvoices, insertInvoice, sellerOf } from './issue-invoices';
import { INVOICE_MESSAGES as M } from './messages';
import { notYetInvoicedSql } from './queries';
import { transferDocuments, type TransferItem } from './rules';

const creditorIdSchema = z.object({ creditorId: given(z.uuid({ error: orRequired(M.creditorId) })) }).strict();

interface ItemRow {
  payment_id: string;
  reverses_id: string | null;
  reference: string;
  debtor: string;
  received_on: string;
  base_cents: bigint;
  rate_bps: number;
  fee_cents: bigint;
  commission_cents: bigint;
  vat_rate_bps: number;
  vat_cents: bigint;
}

/**
 * Commission on money the debtor paid straight to the creditor (decision 0022): no remittance carries it, so a
 * manager invoices it per creditor. Every direct payment (and direct reversal) whose commission no invoice or credit
 * note names yet goes on this creditor's invoice or credit note, with the same numbering, mentions and Factur-X as a
 * remittance's; the invoice is due by the agency's payment term and paid as any other (record-invoice-payment.ts).
 */
export async function invoiceDirectCommission({
  actor,
  ip,
  ...input
}: {
  actor: Actor;
  ip?: string;
  [k: string]: unknown;
}) {
  authorize(actor, 'payouts.manage');
  const { creditorId } = parseInput(creditorIdSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const creditor = await tx.creditor.findFirst({ where: { tenantId: actor.tenantId, id: creditorId } });
    if (!creditor) throw AppError.notFound();
    // Two managers invoicing the same creditor at once would bill its payments twice: they wait for each other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`direct-invoice:${creditorId}`}, 0))`;
    const rows = await tx.$queryRaw<ItemRow[]>`
      SELECT p.id::text AS payment_id, p.reverses_id::text, f.reference, d.display_name AS debtor,
             p.received_on::text, c.base_cents, c.rate_bps, c.fee_cents, c.commission_cents, c.vat_rate_bps,
             c.vat_cents
        FROM payment p
        JOIN payment_commission c ON c.tenant_id = p.tenant_id AND c.payment_id = p.id
        JOIN case_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE p.tenant_id = ${actor.tenantId}::uuid AND p.creditor_id = ${creditorId}::uuid
         AND p.method = 'DIRECT_TO_CREDITOR' AND c.commission_cents <> 0
         AND ${notYetInvoicedSql}`;
    const items: TransferItem[] = rows.map((r) => ({
      paymentId: r.payment_id,
      reversesId: r.reverses_id,
      fileReference: r.reference,
      debtor: r.debtor,
      receivedOn: r.received_on,
      baseCents: BigInt(r.base_cents),
      rateBps: r.rate_bps,
      feeCents: BigInt(r.fee_cents),
      commissionCents: BigInt(r.commission_cents),
      vatRateBps: r.vat_rate_bps,
      vatCents: BigInt(r.vat_cents),
    }));
    const { invoice, creditNote } = transferDocuments(items);
    if (!invoice && !creditNote) throw AppError.refused('CONFLICT', M.nothingToInvoice);

    const issuedOn = await agencyToday(tx, actor.tenantId);
    const seller = await sellerOf(tx, actor.tenantId);
    const buyer = await buyerOf(tx, actor.tenantId, creditorId);
    const common = {
      tenantId: actor.tenantId,
      issuedOn,
      dueOn: addDays(issuedOn, seller.paymentDays),
      creditorId,
      remittance: null,
      mode: 'GROSS' as const,
      settledCents: 0n,
      seller,
      buyer,
      issuedBy: personOf(actor),
    };
    const invoiceId = invoice
      ? await insertInvoice(tx, { ...common, kind: 'INVOICE', draft: invoice, correctsId: null })
      : null;
    let creditNoteId: string | null = null;
    if (creditNote) {
      const corrected = await correctedInvoices(tx, actor.tenantId, creditNote.lines);
      creditNoteId = await insertInvoice(tx, {
        ...common,
        kind: 'CREDIT_NOTE',
        draft: { ...creditNote, lines: corrected.lines },
        correctsId: corrected.correctsId,
      });
    }
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'invoice.direct_issued',
        entity: 'creditor',
        entityId: creditorId,
        ...(ip ? { ip } : {}),
        details: {
          invoiceId,
          creditNoteId,
          totalCents: Number(invoice?.totalCents ?? 0n),
          creditedCents: Number(creditNote?.totalCents ?? 0n),
        },
      },
    );
    return { invoiceId, creditNoteId };
  });
}
