import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { assignedCentsOf } from './assigned';
import type { MatchReason } from './match';

export interface OpenCredit {
  id: string;
  status: 'DOUBTFUL' | 'UNMATCHED';
  bookingDate: string;
  amountCents: number;
  assignedCents: number;
  payer: string | null;
  remittance: string;
  references: string[];
  candidates: { fileId: string; reference: string; score: number; reasons: MatchReason[] }[];
}

export interface StatementSummary {
  id: string;
  fileName: string;
  format: string;
  importedAt: Date;
  entries: number;
  matched: number;
  doubtful: number;
  unmatched: number;
  duplicates: number;
}

/** What the reconciliation page shows: credits waiting for an agent (oldest first), and the latest statements. */
export async function reconciliationView(
  actor: Actor,
): Promise<{ open: OpenCredit[]; statements: StatementSummary[] }> {
  authorize(actor, 'bank.reconcile');
  return inTenant(scopeOf(actor), async (tx) => {
    const open = await tx.$queryRaw<
      {
        id: string;
        status: 'DOUBTFUL' | 'UNMATCHED';
        booking_date: Date;
        amount_cents: bigint;
        assigned_cents: bigint;
        counterparty_name: string | null;
        remittance: string;
        creditor_refs: string[];
        match: { candidates?: OpenCredit['candidates'] };
      }[]
    >`
      SELECT e.id, e.status::text AS status, e.booking_date, e.amount_cents, e.counterparty_name, e.remittance,
             e.creditor_refs, e.match, ${assignedCentsOf} AS assigned_cents
        FROM bank_entry e
       WHERE e.tenant_id = ${actor.tenantId}::uuid AND e.status IN ('DOUBTFUL', 'UNMATCHED')
       ORDER BY e.booking_date, e.created_at
       LIMIT 200`;
    const statements = await tx.bankStatement.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: { importedAt: 'desc' },
      take: 10,
    });
    return {
      open: open.map((e) => ({
        id: e.id,
        status: e.status,
        bookingDate: e.booking_date.toISOString().slice(0, 10),
        amountCents: Number(e.amount_cents),
        assignedCents: Number(e.assigned_cents),
        payer: e.counterparty_name,
        remittance: e.remittance,
        references: e.creditor_refs,
        candidates: e.match.candidates ?? [],
      })),
      statements: statements.map((s) => ({
        id: s.id,
        fileName: s.fileName,
        format: s.format,
        importedAt: s.importedAt,
        entries: s.entries,
        matched: s.matched,
        doubtful: s.doubtful,
        unmatched: s.unmatched,
        duplicates: s.duplicates,
      })),
    };
  });
}
