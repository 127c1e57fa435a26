import { addDays } from '../dates/days';
import type { RemittanceMode } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { splitAddress } from '../letters/postal-address';
import { INVOICE_MESSAGES as M } from './messages';
import { transferDocuments, type InvoiceDraft, type TransferItem } from './rules';
import type { InvoiceBuyer, InvoiceLine, InvoiceSeller } from './schemas';

// Issued in the transaction that approves a remittance run (lib/remittances/approve-payout.ts): per transfer, the
// invoice of the commission it takes from the funds (net) or leaves receivable (gross), and the credit note of the
// commission reversals took back. The database draws each number (migration 20261208111000), so a run that rolls
// back leaves no gap in the agency's sequence.

export interface TransferToInvoice {
  id: string;
  creditorId: string;
  mode: RemittanceMode;
  /** Commission (tax included) the remittance took from the funds against it. */
  settledCents: bigint;
}

export interface IssuedDocuments {
  invoiceId: string | null;
  creditNoteId: string | null;
}

interface ItemRow {
  transfer_id: string;
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

/** Every commissioned payment of the run's transfers, with what its commission was computed from. */
async function runItems(tx: Tx, tenantId: string, runId: string): Promise<Map<string, TransferItem[]>> {
  const rows = await tx.$queryRaw<ItemRow[]>`
    SELECT i.transfer_id::text, i.payment_id::text, p.reverses_id::text, f.reference, d.display_name AS debtor,
           i.received_on::text, c.base_cents, c.rate_bps, c.fee_cents, c.commission_cents, c.vat_rate_bps,
           c.vat_cents
      FROM payout_item i
      JOIN payment p ON p.tenant_id = i.tenant_id AND p.id = i.payment_id
      JOIN payment_commission c ON c.tenant_id = i.tenant_id AND c.payment_id = i.payment_id
      JOIN case_file f ON f.tenant_id = i.tenant_id AND f.id = i.file_id
      JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
     WHERE i.tenant_id = ${tenantId}::uuid AND i.run_id = ${runId}::uuid AND i.active
       AND c.commission_cents <> 0`;
  const byTransfer = new Map<string, TransferItem[]>();
  for (const r of rows) {
    const item: TransferItem = {
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
    };
    const list = byTransfer.get(r.transfer_id);
    if (list) list.push(item);
    else byTransfer.set(r.transfer_id, [item]);
  }
  return byTransfer;
}

/** The agency as its invoices name it; an agency without its SIREN or VAT number cannot invoice. */
export async function sellerOf(tx: Tx, tenantId: string): Promise<InvoiceSeller> {
  const a = await tx.agency.findUniqueOrThrow({ where: { id: tenantId } });
  if (!a.siren || !a.vatNumber) throw AppError.refused('CONFLICT', M.sellerIdentity);
  const address = splitAddress(a.address);
  return {
    name: a.name,
    legalName: a.legalName,
    legalForm: a.legalForm,
    shareCapitalCents: a.shareCapitalCents === null ? null : Number(a.shareCapitalCents),
    address: { lines: address.lines, postcode: address.postcode, city: address.city },
    siren: a.siren,
    rcs: a.rcs,
    vatNumber: a.vatNumber,
    paymentDays: a.invoicePaymentDays,
  };
}

export async function buyerOf(tx: Tx, tenantId: string, creditorId: string): Promise<InvoiceBuyer> {
  const c = await tx.creditor.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: creditorId } } });
  return {
    name: c.name,
    address: [c.address],
    postcode: c.postcode,
    city: c.city,
    siren: c.siren,
    vatNumber: c.vatNumber,
  };
}

/** The invoices that billed the payments a credit note's lines reverse: each line names its invoice's number. */
export async function correctedInvoices(
  tx: Tx,
  tenantId: string,
  lines: InvoiceLine[],
): Promise<{ lines: InvoiceLine[]; correctsId: string | null }> {
  let latest: { id: string; number: number } | null = null;
  const named: InvoiceLine[] = [];
  for (const line of lines) {
    const [billed] = await tx.$queryRaw<{ id: string; number: number }[]>`
      SELECT id::text, number FROM commission_invoice
       WHERE tenant_id = ${tenantId}::uuid AND kind = 'INVOICE'
         AND lines @> ${JSON.stringify([{ paymentId: line.reversesPaymentId }])}::jsonb
       ORDER BY number DESC LIMIT 1`;
    if (billed && (!latest || billed.number > latest.number)) latest = billed;
    named.push(billed ? { ...line, correctsNumber: billed.number } : line);
  }
  return { lines: named, correctsId: latest?.id ?? null };
}

/**
 * Writes one invoice or credit note; the database draws its number. `remittance` names the run and transfer that
 * issued it, or null for commission invoiced on its own (money paid straight to the creditor, decision 0022).
 */
export async function insertInvoice(
  tx: Tx,
  d: {
    tenantId: string;
    kind: 'INVOICE' | 'CREDIT_NOTE';
    issuedOn: string;
    dueOn: string;
    draft: InvoiceDraft;
    creditorId: string;
    remittance: { runId: string; transferId: string } | null;
    correctsId: string | null;
    mode: RemittanceMode;
    settledCents: bigint;
    seller: InvoiceSeller;
    buyer: InvoiceBuyer;
    issuedBy: string | null;
  },
): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO commission_invoice (tenant_id, kind, number, issued_on, due_on, period_from, period_to, creditor_id,
                                    source, run_id, transfer_id, corrects_id, mode, net_cents, vat_cents, total_cents,
                                    settled_cents, seller, buyer, lines, issued_by)
    VALUES (${d.tenantId}::uuid, ${d.kind}::"InvoiceKind", 0, ${d.issuedOn}::date, ${d.dueOn}::date,
            ${d.draft.periodFrom}::date, ${d.draft.periodTo}::date, ${d.creditorId}::uuid,
            ${d.remittance ? 'REMITTANCE' : 'DIRECT'}::"InvoiceSource", ${d.remittance?.runId ?? null}::uuid,
            ${d.remittance?.transferId ?? null}::uuid, ${d.correctsId}::uuid, ${d.mode}::"RemittanceMode",
            ${d.draft.netCents}, ${d.draft.vatCents}, ${d.draft.totalCents}, ${d.settledCents},
            ${JSON.stringify(d.seller)}::jsonb, ${JSON.stringify(d.buyer)}::jsonb, ${JSON.stringify(d.draft.lines)}::jsonb,
            ${d.issuedBy}::uuid)
    RETURNING id::text`;
  return row!.id;
}

/**
 * Issues the invoice and the credit note of every transfer of an approved remittance run, dated `issuedOn`.
 * Returns, per transfer id, the documents issued (the net settlement's ledger entry points at the invoice).
 */
export async function issueRunInvoices(
  tx: Tx,
  {
    tenantId,
    runId,
    issuedOn,
    issuedBy,
    transfers,
  }: { tenantId: string; runId: string; issuedOn: string; issuedBy: string | null; transfers: TransferToInvoice[] },
): Promise<Map<string, IssuedDocuments>> {
  const items = await runItems(tx, tenantId, runId);
  const issued = new Map<string, IssuedDocuments>();
  let seller: InvoiceSeller | null = null;
  for (const t of transfers) {
    const { invoice, creditNote } = transferDocuments(items.get(t.id) ?? []);
    if (!invoice && !creditNote) {
      issued.set(t.id, { invoiceId: null, creditNoteId: null });
      continue;
    }
    seller ??= await sellerOf(tx, tenantId);
    const buyer = await buyerOf(tx, tenantId, t.creditorId);
    const dueOn = addDays(issuedOn, seller.paymentDays);
    const insert = (
      kind: 'INVOICE' | 'CREDIT_NOTE',
      draft: InvoiceDraft,
      { settledCents, correctsId }: { settledCents: bigint; correctsId: string | null },
    ) =>
      insertInvoice(tx, {
        tenantId,
        kind,
        issuedOn,
        dueOn,
        draft,
        creditorId: t.creditorId,
        remittance: { runId, transferId: t.id },
        correctsId,
        mode: t.mode,
        settledCents,
        seller: seller!,
        buyer,
        issuedBy,
      });
    let invoiceId: string | null = null;
    if (invoice) {
      // What the remittance took from the funds settles the invoice (net mode); the rest is due by its date.
      const settled = t.settledCents < invoice.totalCents ? t.settledCents : invoice.totalCents;
      invoiceId = await insert('INVOICE', invoice, { settledCents: settled, correctsId: null });
    }
    let creditNoteId: string | null = null;
    if (creditNote) {
      const corrected = await correctedInvoices(tx, tenantId, creditNote.lines);
      creditNoteId = await insert(
        'CREDIT_NOTE',
        { ...creditNote, lines: corrected.lines },
        { settledCents: 0n, correctsId: corrected.correctsId },
      );
    }
    issued.set(t.id, { invoiceId, creditNoteId });
  }
  return issued;
}
