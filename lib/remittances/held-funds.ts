import { Prisma } from '../db/generated/client';
import type { RemittanceMode } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import type { HeldPayment } from './rules';

// What the agency holds for each creditor and since when, read from the books: the part of each payment (or
// reversal) owed to the creditor is its CREDITOR_FUNDS_PAYABLE line, its commission the payment_commission row. A
// payment leaves "held" when a live run (proposed or approved) takes it.

interface HeldRow {
  payment_id: string;
  creditor_id: string;
  file_id: string;
  received_on: string;
  gross_cents: bigint;
  commission_cents: bigint;
  vat_cents: bigint;
}

/** Every payment whose money is held and in no live run, received on or before `asOf`. */
export async function heldPayments(
  tx: RawTx,
  tenantId: string,
  { asOf, creditorIds }: { asOf: string; creditorIds?: readonly string[] },
): Promise<HeldPayment[]> {
  const only = creditorIds ? Prisma.sql`AND e.creditor_id = ANY(${[...creditorIds]}::uuid[])` : Prisma.empty;
  const rows = await tx.$queryRaw<HeldRow[]>`
    SELECT e.payment_id::text, e.creditor_id::text, e.file_id::text, p.received_on::text,
           (-sum(l.amount_cents))::bigint AS gross_cents,
           coalesce(min(c.commission_cents), 0)::bigint AS commission_cents,
           coalesce(min(c.vat_cents), 0)::bigint AS vat_cents
      FROM journal_entry e
      JOIN journal_line l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id AND l.account = 'CREDITOR_FUNDS_PAYABLE'
      JOIN payment p ON p.tenant_id = e.tenant_id AND p.id = e.payment_id
      LEFT JOIN payment_commission c ON c.tenant_id = e.tenant_id AND c.payment_id = e.payment_id
     WHERE e.tenant_id = ${tenantId}::uuid AND e.kind IN ('PAYMENT', 'PAYMENT_REVERSAL')
       AND p.received_on <= ${asOf}::date ${only}
       AND NOT EXISTS (SELECT 1 FROM payout_item i
                        WHERE i.tenant_id = e.tenant_id AND i.payment_id = e.payment_id AND i.active)
     GROUP BY e.payment_id, e.creditor_id, e.file_id, p.received_on
     ORDER BY p.received_on, e.payment_id`;
  return rows.map((r) => ({
    paymentId: r.payment_id,
    creditorId: r.creditor_id,
    fileId: r.file_id,
    receivedOn: r.received_on,
    grossCents: BigInt(r.gross_cents),
    commissionCents: BigInt(r.commission_cents),
    vatCents: BigInt(r.vat_cents),
  }));
}

/** Where and how a creditor is paid, from its mandate (the latest one that names an account, else the latest). */
export interface CreditorPayee {
  creditorId: string;
  name: string;
  iban: string | null;
  bic: string | null;
  mode: RemittanceMode;
  /** The shortest remittance delay among its mandates (days; 30 is the law's month). */
  deadlineDays: number;
}

export async function creditorPayees(tx: RawTx, tenantId: string): Promise<Map<string, CreditorPayee>> {
  const rows = await tx.$queryRaw<
    { creditor_id: string; name: string; iban: string | null; bic: string | null; mode: RemittanceMode; days: number }[]
  >`
    SELECT c.id::text AS creditor_id, c.name, m.payout_iban AS iban, m.payout_bic AS bic,
           coalesce(m.remittance_mode, 'NET')::text AS mode,
           coalesce((SELECT min(x.remittance_deadline_days) FROM mandate x
                      WHERE x.tenant_id = c.tenant_id AND x.creditor_id = c.id), 30)::int AS days
      FROM creditor c
      LEFT JOIN LATERAL (
        SELECT payout_iban, payout_bic, remittance_mode FROM mandate x
         WHERE x.tenant_id = c.tenant_id AND x.creditor_id = c.id
         ORDER BY (x.payout_iban IS NULL), x.starts_on DESC, x.created_at DESC LIMIT 1) m ON true
     WHERE c.tenant_id = ${tenantId}::uuid`;
  return new Map(
    rows.map((r) => [
      r.creditor_id,
      { creditorId: r.creditor_id, name: r.name, iban: r.iban, bic: r.bic, mode: r.mode, deadlineDays: r.days },
    ]),
  );
}
