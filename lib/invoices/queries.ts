import { z } from 'zod';
import { Prisma } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import type { InvoiceKind } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { given, orRequired } from '../forms/fields';
import type { LetterLocale } from '../letters/types';
import { safeFileName } from '../payments/letter-parties';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { InvoiceDocumentData } from './invoice-pdf';
import { INVOICE_MESSAGES as M } from './messages';
import { invoiceNumberText } from './rules';
import { buyerSchema, invoiceLinesSchema, sellerSchema } from './schemas';

const invoiceIdSchema = z.object({ invoiceId: given(z.uuid({ error: orRequired(M.invoiceId) })) }).strict();

/** One invoice's link as the finance page and the creditor's portal list it, beside the statement of its transfer. */
export interface InvoiceLink {
  id: string;
  kind: InvoiceKind;
  number: number;
  /** What an invoice still asks the creditor to pay (0: paid, or settled from the funds; always 0 for a credit note). */
  leftCents: number;
}

/**
 * What the invoice `ci` still asks the creditor for, as SQL: its total less what a remittance settled and what the
 * creditor paid (lib/invoices/record-invoice-payment.ts); nothing for a credit note.
 */
export const invoiceLeftSql = Prisma.sql`
  (CASE WHEN ci.kind = 'INVOICE' THEN ci.total_cents - ci.settled_cents - coalesce(
    (SELECT sum(p.amount_cents) FROM commission_invoice_payment p
      WHERE p.tenant_id = ci.tenant_id AND p.invoice_id = ci.id), 0) ELSE 0 END)::bigint`;

/** The payment `p` is on no invoice or credit note yet (their lines name it; the GIN index of 0017 answers). */
export const notYetInvoicedSql = Prisma.sql`
  NOT EXISTS (SELECT 1 FROM commission_invoice i
               WHERE i.tenant_id = p.tenant_id
                 AND i.lines @> jsonb_build_array(jsonb_build_object('paymentId', p.id::text)))`;

export interface DirectInvoice extends InvoiceLink {
  creditorName: string;
  issuedOn: string;
}

/**
 * Commission invoiced on money paid straight to the creditor (decision 0022), latest first: for managers every
 * creditor's, for a creditor's users their own (row security). Managers also get the creditors whose direct payments
 * carry commission no document names yet (what "Invoice" would bill).
 */
export async function directInvoices(actor: Actor): Promise<{
  invoices: DirectInvoice[];
  uninvoiced: { creditorId: string; creditorName: string; commissionCents: number }[];
}> {
  authorize(actor, 'remittances.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const invoices = await tx.$queryRaw<
      { id: string; kind: InvoiceKind; number: number; left_cents: bigint; creditor_name: string; issued_on: string }[]
    >`
      SELECT ci.id::text, ci.kind, ci.number, ${invoiceLeftSql} AS left_cents, c.name AS creditor_name,
             ci.issued_on::text
        FROM commission_invoice ci JOIN creditor c ON c.tenant_id = ci.tenant_id AND c.id = ci.creditor_id
       WHERE ci.tenant_id = ${actor.tenantId}::uuid AND ci.source = 'DIRECT'
       ORDER BY ci.number DESC LIMIT 200`;
    const uninvoiced = actor.creditorId
      ? []
      : await tx.$queryRaw<{ creditor_id: string; creditor_name: string; commission_cents: bigint }[]>`
          SELECT p.creditor_id::text, c.name AS creditor_name,
                 sum(pc.commission_cents + pc.vat_cents)::bigint AS commission_cents
            FROM payment p
            JOIN payment_commission pc ON pc.tenant_id = p.tenant_id AND pc.payment_id = p.id
            JOIN creditor c ON c.tenant_id = p.tenant_id AND c.id = p.creditor_id
           WHERE p.tenant_id = ${actor.tenantId}::uuid AND p.method = 'DIRECT_TO_CREDITOR'
             AND pc.commission_cents <> 0
             AND ${notYetInvoicedSql}
           GROUP BY p.creditor_id, c.name
          HAVING sum(pc.commission_cents) <> 0
           ORDER BY c.name`;
    return {
      invoices: invoices.map((i) => ({
        id: i.id,
        kind: i.kind,
        number: i.number,
        leftCents: Number(i.left_cents),
        creditorName: i.creditor_name,
        issuedOn: i.issued_on,
      })),
      uninvoiced: uninvoiced.map((u) => ({
        creditorId: u.creditor_id,
        creditorName: u.creditor_name,
        commissionCents: Number(u.commission_cents),
      })),
    };
  });
}

export interface InvoiceDocument {
  fileName: string;
  data: InvoiceDocumentData;
}

/**
 * An invoice or credit note, for a manager or the creditor it is addressed to (row security: another creditor's,
 * or another agency's, is not found), its download audited.
 */
export async function invoiceDocument({
  actor,
  invoiceId,
  locale = 'fr',
  ip,
}: {
  actor: Actor;
  invoiceId: unknown;
  locale?: LetterLocale;
  ip?: string;
}): Promise<InvoiceDocument> {
  authorize(actor, 'remittances.read');
  const { invoiceId: id } = parseInput(invoiceIdSchema, { invoiceId });
  return inTenant(scopeOf(actor), async (tx) => {
    const [row] = await tx.$queryRaw<
      {
        kind: InvoiceKind;
        number: number;
        issued_on: string;
        due_on: string;
        period_from: string;
        period_to: string;
        creditor_id: string;
        mode: 'NET' | 'GROSS';
        run_number: number | null;
        corrects_number: number | null;
        corrects_issued_on: string | null;
        currency: string;
        net_cents: bigint;
        vat_cents: bigint;
        total_cents: bigint;
        settled_cents: bigint;
        seller: unknown;
        buyer: unknown;
        lines: unknown;
      }[]
    >`
      SELECT i.kind, i.number, i.issued_on::text, i.due_on::text, i.period_from::text, i.period_to::text,
             i.creditor_id::text, i.mode, r.number AS run_number, c.number AS corrects_number,
             c.issued_on::text AS corrects_issued_on, i.currency, i.net_cents, i.vat_cents, i.total_cents,
             i.settled_cents, i.seller, i.buyer, i.lines
        FROM commission_invoice i
        LEFT JOIN payout_run r ON r.tenant_id = i.tenant_id AND r.id = i.run_id
        LEFT JOIN commission_invoice c ON c.tenant_id = i.tenant_id AND c.id = i.corrects_id
       WHERE i.tenant_id = ${actor.tenantId}::uuid AND i.id = ${id}::uuid`;
    if (!row || (actor.creditorId && actor.creditorId !== row.creditor_id)) throw AppError.notFound();
    await recordAudit(tx, actor, {
      action: 'invoice.downloaded',
      entity: 'commission_invoice',
      entityId: id,
      ...(ip ? { ip } : {}),
      details: { number: row.number },
    });
    const data: InvoiceDocumentData = {
      locale,
      kind: row.kind,
      number: row.number,
      issuedOn: row.issued_on,
      dueOn: row.due_on,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      mode: row.mode,
      runNumber: row.run_number,
      corrects:
        row.corrects_number !== null && row.corrects_issued_on
          ? { number: row.corrects_number, issuedOn: row.corrects_issued_on }
          : null,
      seller: sellerSchema.parse(row.seller),
      buyer: buyerSchema.parse(row.buyer),
      lines: invoiceLinesSchema.parse(row.lines),
      netCents: Number(row.net_cents),
      vatCents: Number(row.vat_cents),
      totalCents: Number(row.total_cents),
      settledCents: Number(row.settled_cents),
      currency: row.currency.trim(),
    };
    const prefix =
      row.kind === 'INVOICE' ? (locale === 'fr' ? 'facture' : 'invoice') : locale === 'fr' ? 'avoir' : 'credit-note';
    return { fileName: safeFileName(`${prefix}-${invoiceNumberText(row.number)}.pdf`), data };
  });
}
