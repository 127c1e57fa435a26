import { recordAudit } from '../audit/record-audit';
import { dayIn } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { LetterLocale } from '../letters/types';
import type { RemittanceStatementData } from '../letters/remittance-statement';
import { agencyIdentity, creditorParty, safeFileName } from '../payments/letter-parties';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { parseTransferId } from './queries';

export interface StatementDocument {
  fileName: string;
  creditorId: string;
  runId: string;
  data: RemittanceStatementData;
}

/**
 * The statement of one remittance transfer, from what the run recorded: each payment it paid out with its file,
 * debtor, invoices, day received, amount, commission and VAT. Null when the transfer is not an approved
 * remittance the transaction's tenant (and creditor) may see.
 */
export async function statementIn(
  tx: Tx,
  tenantId: string,
  transferId: string,
  locale: LetterLocale,
): Promise<StatementDocument | null> {
  const [t] = await tx.$queryRaw<
    {
      run_id: string;
      creditor_id: string;
      number: number;
      execution_on: string;
      approved_at: Date;
      iban: string;
      mode: 'NET' | 'GROSS';
      end_to_end_id: string;
      gross_cents: bigint;
      commission_cents: bigint;
      vat_cents: bigint;
      settled_cents: bigint;
      amount_cents: bigint;
      time_zone: string;
    }[]
  >`
    SELECT t.run_id::text, t.creditor_id::text, r.number, r.execution_on::text,
           coalesce(r.second_approved_at, r.approved_at) AS approved_at, t.iban, t.mode, t.end_to_end_id,
           t.gross_cents, t.commission_cents, t.vat_cents, t.settled_cents, t.amount_cents, a.time_zone
      FROM payout_transfer t
      JOIN payout_run r ON r.tenant_id = t.tenant_id AND r.id = t.run_id
      JOIN agency a ON a.id = t.tenant_id
     WHERE t.tenant_id = ${tenantId}::uuid AND t.id = ${transferId}::uuid
       AND r.kind = 'REMITTANCE' AND r.status = 'APPROVED'`;
  if (!t) return null;
  const lines = await tx.$queryRaw<
    {
      reference: string;
      debtor: string;
      invoices: string[] | null;
      received_on: string;
      gross_cents: bigint;
      commission_cents: bigint;
      vat_cents: bigint;
    }[]
  >`
    SELECT f.reference, d.display_name AS debtor,
           (SELECT array_agg(DISTINCT c.invoice_number ORDER BY c.invoice_number)
              FROM allocation al JOIN claim c ON c.tenant_id = al.tenant_id AND c.id = al.claim_id
             WHERE al.tenant_id = i.tenant_id AND al.payment_id = i.payment_id) AS invoices,
           i.received_on::text, i.gross_cents, i.commission_cents, i.vat_cents
      FROM payout_item i
      JOIN case_file f ON f.tenant_id = i.tenant_id AND f.id = i.file_id
      JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
     WHERE i.tenant_id = ${tenantId}::uuid AND i.transfer_id = ${transferId}::uuid
     ORDER BY i.received_on, f.reference, i.payment_id`;
  const date = dayIn(t.time_zone, t.approved_at);
  return {
    fileName: safeFileName(`releve-reversement-${t.number}-${t.end_to_end_id}.pdf`),
    creditorId: t.creditor_id,
    runId: t.run_id,
    data: {
      locale,
      date,
      agency: await agencyIdentity(tx, tenantId),
      creditor: await creditorParty(tx, tenantId, t.creditor_id),
      runNumber: t.number,
      transferReference: t.end_to_end_id,
      executionOn: t.execution_on < date ? date : t.execution_on,
      mode: t.mode,
      iban: t.iban,
      lines: lines.map((l) => ({
        fileReference: l.reference,
        debtor: l.debtor,
        invoices: l.invoices ?? [],
        receivedOn: l.received_on,
        grossCents: Number(l.gross_cents),
        commissionCents: Number(l.commission_cents),
        vatCents: Number(l.vat_cents),
      })),
      totals: {
        grossCents: Number(t.gross_cents),
        commissionCents: Number(t.commission_cents),
        vatCents: Number(t.vat_cents),
        settledCents: Number(t.settled_cents),
        amountCents: Number(t.amount_cents),
      },
    },
  };
}

/** The statement for a manager or the creditor it is addressed to; anyone else's is not found. */
export async function statementDocument({
  actor,
  transferId,
  locale = 'fr',
  ip,
}: {
  actor: Actor;
  transferId: unknown;
  locale?: LetterLocale;
  ip?: string;
}): Promise<StatementDocument> {
  authorize(actor, 'remittances.read');
  const id = parseTransferId(transferId);
  return inTenant(scopeOf(actor), async (tx) => {
    const document = await statementIn(tx, actor.tenantId, id, locale);
    if (!document || (actor.creditorId && actor.creditorId !== document.creditorId)) throw AppError.notFound();
    await recordAudit(tx, actor, {
      action: 'payout.statement_downloaded',
      entity: 'payout_transfer',
      entityId: id,
      ...(ip ? { ip } : {}),
      details: { runId: document.runId },
    });
    return document;
  });
}
