import { z } from 'zod';
import { Prisma } from '../db/generated/client';
import { invoiceLeftSql, type InvoiceLink } from '../invoices/queries';
import { readBalance } from '../accounting/ledger-chart';
import { agencyClock } from '../dates/agency-clock';
import type { PayoutKind, PayoutStatus, RemittanceMode } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { creditorPayees, heldPayments } from './held-funds';
import { REMITTANCE_MESSAGES as M } from './messages';
import { deadlineView, type DeadlineView } from './rules';

// Reads for the manager's finance page (funds held and R124-6 deadlines, payout runs) and the creditor's portal.

/** The invoices a transfer `t` issued, in number order (row security keeps a creditor's users to their own). */
const transferInvoices = Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object('id', ci.id, 'kind', ci.kind, 'number', ci.number,
                                              'leftCents', ${invoiceLeftSql}) ORDER BY ci.number), '[]'::json)
     FROM commission_invoice ci WHERE ci.tenant_id = t.tenant_id AND ci.transfer_id = t.id)`;

export interface CreditorDeadline extends Partial<DeadlineView> {
  creditorId: string;
  name: string;
  fundsHeldCents: number;
  heldPayments: number;
  /** The file whose payment is the oldest held (where the alert's task goes). */
  oldestFileId: string | null;
  hasAccount: boolean;
  mode: RemittanceMode;
}

/** Per creditor holding funds: how much, since when, and how many days are left before R124-6's deadline. */
export async function deadlinesIn(tx: RawTx, tenantId: string, today: string): Promise<CreditorDeadline[]> {
  const [held, payees, balances] = await Promise.all([
    heldPayments(tx, tenantId, { asOf: today }),
    creditorPayees(tx, tenantId),
    tx.$queryRaw<{ creditor_id: string; balance: bigint }[]>`
      SELECT creditor_id::text, balance_cents AS balance FROM ledger_balance
       WHERE tenant_id = ${tenantId}::uuid AND account = 'CREDITOR_FUNDS_PAYABLE' AND balance_cents <> 0`,
  ]);
  const oldest = new Map<string, { on: string; fileId: string; count: number }>();
  for (const p of held) {
    if (p.grossCents <= 0n) continue;
    const o = oldest.get(p.creditorId);
    if (!o) oldest.set(p.creditorId, { on: p.receivedOn, fileId: p.fileId, count: 1 });
    else {
      o.count += 1;
      if (p.receivedOn < o.on) Object.assign(o, { on: p.receivedOn, fileId: p.fileId });
    }
  }
  const funds = new Map(
    balances.map((b) => [b.creditor_id, Number(readBalance('CREDITOR_FUNDS_PAYABLE', BigInt(b.balance)))]),
  );
  const ids = new Set([...oldest.keys(), ...[...funds].filter(([, c]) => c > 0).map(([id]) => id)]);
  return [...ids]
    .map((creditorId): CreditorDeadline => {
      const payee = payees.get(creditorId);
      const o = oldest.get(creditorId);
      return {
        creditorId,
        name: payee?.name ?? '',
        fundsHeldCents: funds.get(creditorId) ?? 0,
        heldPayments: o?.count ?? 0,
        oldestFileId: o?.fileId ?? null,
        hasAccount: Boolean(payee?.iban),
        mode: payee?.mode ?? 'NET',
        ...(o ? deadlineView(o.on, payee?.deadlineDays ?? 30, today) : {}),
      };
    })
    .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.name.localeCompare(b.name));
}

export interface PayoutRunView {
  id: string;
  kind: PayoutKind;
  number: number;
  status: PayoutStatus;
  executionOn: string;
  totalCents: number;
  transfers: number;
  needsSecondApproval: boolean;
  proposedBy: string | null;
  approvedBy: string | null;
  secondApprovedBy: string | null;
  /** Whether the signed-in manager may give the approval the run waits for (not the first approver again). */
  canApprove: boolean;
  lines: {
    transferId: string;
    payee: string;
    fileReference: string | null;
    amountCents: number;
    grossCents: number;
    settledCents: number;
    mode: RemittanceMode | null;
    /** The commission invoice and credit note the transfer issued (approved remittances). */
    invoices: InvoiceLink[];
  }[];
}

export async function financeOverview(actor: Actor) {
  authorize(actor, 'payouts.manage');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const deadlines = await deadlinesIn(tx, actor.tenantId, clock.today);
    const runs = await tx.$queryRaw<
      {
        id: string;
        kind: PayoutKind;
        number: number;
        status: PayoutStatus;
        execution_on: string;
        total_cents: bigint;
        transfers: number;
        needs_second_approval: boolean;
        proposed_by: string | null;
        approved_by_id: string | null;
        approved_by: string | null;
        second_approved_by: string | null;
      }[]
    >`
      SELECT r.id::text, r.kind, r.number, r.status, r.execution_on::text, r.total_cents, r.transfers,
             r.needs_second_approval, pi.name AS proposed_by, r.approved_by::text AS approved_by_id,
             ai.name AS approved_by, si.name AS second_approved_by
        FROM payout_run r
        LEFT JOIN membership pm ON pm.tenant_id = r.tenant_id AND pm.id = r.proposed_by
        LEFT JOIN identity pi ON pi.id = pm.identity_id
        LEFT JOIN membership am ON am.tenant_id = r.tenant_id AND am.id = r.approved_by
        LEFT JOIN identity ai ON ai.id = am.identity_id
        LEFT JOIN membership sm ON sm.tenant_id = r.tenant_id AND sm.id = r.second_approved_by
        LEFT JOIN identity si ON si.id = sm.identity_id
       WHERE r.tenant_id = ${actor.tenantId}::uuid
       ORDER BY r.proposed_at DESC LIMIT 20`;
    const lines = await tx.$queryRaw<
      {
        run_id: string;
        id: string;
        payee: string;
        reference: string | null;
        amount_cents: bigint;
        gross_cents: bigint;
        settled_cents: bigint;
        mode: RemittanceMode | null;
        invoices: InvoiceLink[];
      }[]
    >`
      SELECT t.run_id::text, t.id::text, t.payee_name AS payee, f.reference, t.amount_cents, t.gross_cents,
             t.settled_cents, t.mode, ${transferInvoices} AS invoices
        FROM payout_transfer t LEFT JOIN case_file f ON f.tenant_id = t.tenant_id AND f.id = t.file_id
       WHERE t.tenant_id = ${actor.tenantId}::uuid AND t.run_id = ANY(${runs.map((r) => r.id)}::uuid[])
       ORDER BY t.end_to_end_id`;
    const views: PayoutRunView[] = runs.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: r.number,
      status: r.status,
      executionOn: r.execution_on,
      totalCents: Number(r.total_cents),
      transfers: r.transfers,
      needsSecondApproval: r.needs_second_approval,
      proposedBy: r.proposed_by,
      approvedBy: r.approved_by,
      secondApprovedBy: r.second_approved_by,
      canApprove:
        r.status === 'PROPOSED' || (r.status === 'AWAITING_SECOND_APPROVAL' && r.approved_by_id !== actor.membershipId),
      lines: lines
        .filter((l) => l.run_id === r.id)
        .map((l) => ({
          transferId: l.id,
          payee: l.payee,
          fileReference: l.reference,
          amountCents: Number(l.amount_cents),
          grossCents: Number(l.gross_cents),
          settledCents: Number(l.settled_cents),
          mode: l.mode,
          invoices: l.invoices,
        })),
    }));
    const credits = await tx.$queryRaw<
      { file_id: string; reference: string; debtor: string; held: bigint; iban: string | null; pending: boolean }[]
    >`
      SELECT l.file_id::text, f.reference, d.display_name AS debtor, (-sum(l.amount_cents))::bigint AS held,
             (SELECT e.counterparty_iban FROM bank_entry_payment p
                JOIN bank_entry e ON e.tenant_id = p.tenant_id AND e.id = p.entry_id
               WHERE p.tenant_id = l.tenant_id AND p.file_id = l.file_id AND e.counterparty_iban IS NOT NULL
               ORDER BY e.booking_date DESC LIMIT 1) AS iban,
             EXISTS (SELECT 1 FROM payout_transfer t
                      WHERE t.tenant_id = l.tenant_id AND t.file_id = l.file_id AND t.pending) AS pending
        FROM journal_line l
        JOIN case_file f ON f.tenant_id = l.tenant_id AND f.id = l.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE l.tenant_id = ${actor.tenantId}::uuid AND l.account = 'DEBTOR_CREDIT_HELD' AND l.file_id IS NOT NULL
       GROUP BY l.tenant_id, l.file_id, f.reference, d.display_name
      HAVING sum(l.amount_cents) < 0
       ORDER BY f.reference LIMIT 100`;
    const [settings] = await tx.$queryRaw<
      {
        threshold: bigint | null;
        bic: string | null;
        legal_form: string | null;
        capital: bigint | null;
        rcs: string | null;
        vat_number: string | null;
        days: number;
      }[]
    >`
      SELECT payout_second_approval_cents AS threshold, creditor_funds_bic AS bic, legal_form,
             share_capital_cents AS capital, rcs, vat_number, invoice_payment_days AS days
        FROM agency WHERE id = ${actor.tenantId}::uuid`;
    return {
      today: clock.today,
      settings: {
        secondApprovalCents: settings?.threshold == null ? null : Number(settings.threshold),
        creditorFundsBic: settings?.bic ?? null,
        legalForm: settings?.legal_form ?? null,
        shareCapitalCents: settings?.capital == null ? null : Number(settings.capital),
        rcs: settings?.rcs ?? null,
        vatNumber: settings?.vat_number ?? null,
        invoicePaymentDays: settings?.days ?? 30,
      },
      credits: credits.map((c) => ({
        fileId: c.file_id,
        reference: c.reference,
        debtor: c.debtor,
        heldCents: Number(c.held),
        iban: c.iban,
        pending: c.pending,
      })),
      deadlines,
      late: deadlines.filter((d) => d.late),
      alerts: deadlines.filter((d) => d.alert),
      runs: views,
    };
  });
}

/** A creditor's remittance statements, newest first (approved runs only; its portal's list). */
export async function creditorStatements(actor: Actor) {
  authorize(actor, 'remittances.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: string;
        number: number;
        execution_on: string;
        approved_on: string;
        name: string;
        gross_cents: bigint;
        settled_cents: bigint;
        amount_cents: bigint;
        mode: RemittanceMode;
        payments: number;
        invoices: InvoiceLink[];
      }[]
    >`
      SELECT t.id::text, r.number, r.execution_on::text,
             coalesce(r.second_approved_at, r.approved_at)::date::text AS approved_on, c.name,
             t.gross_cents, t.settled_cents, t.amount_cents, t.mode, ${transferInvoices} AS invoices,
             (SELECT count(*) FROM payout_item i WHERE i.tenant_id = t.tenant_id AND i.transfer_id = t.id)::int AS payments
        FROM payout_transfer t
        JOIN payout_run r ON r.tenant_id = t.tenant_id AND r.id = t.run_id
        JOIN creditor c ON c.tenant_id = t.tenant_id AND c.id = t.creditor_id
       WHERE t.tenant_id = ${actor.tenantId}::uuid AND r.kind = 'REMITTANCE' AND r.status = 'APPROVED'
       ORDER BY r.number DESC, c.name
       LIMIT 200`;
    return rows.map((r) => ({
      transferId: r.id,
      number: r.number,
      executionOn: r.execution_on,
      approvedOn: r.approved_on,
      creditor: r.name,
      grossCents: Number(r.gross_cents),
      settledCents: Number(r.settled_cents),
      amountCents: Number(r.amount_cents),
      mode: r.mode,
      payments: r.payments,
      invoices: r.invoices,
    }));
  });
}

export const transferIdSchema = z.object({ transferId: z.uuid({ error: M.runId }) }).strict();

export function parseTransferId(transferId: unknown): string {
  return parseInput(transferIdSchema, { transferId }).transferId;
}
