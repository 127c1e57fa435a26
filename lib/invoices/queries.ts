import { z } from 'zod';
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
        run_number: number;
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
        JOIN payout_run r ON r.tenant_id = i.tenant_id AND r.id = i.run_id
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
