import { createHash } from 'node:crypto';
import { commissionSettlementEntry, creditRefundEntry, remittanceEntry } from '../accounting/ledger-entries';
import { readBalance } from '../accounting/ledger-chart';
import { postEntry } from '../accounting/post-entry';
import { recordAudit } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import type { PayoutKind, PayoutStatus, RemittanceMode } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { QueueName } from '../queue/names';
import { enqueue } from '../queue/producers';
import { lockFilesById, saveFile } from '../cases/file-store';
import { issueRunInvoices, type IssuedDocuments } from '../invoices/issue-invoices';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { REMITTANCE_MESSAGES as M } from './messages';
import { buildPain001 } from './pain001';
import { approvalStep } from './rules';
import { runIdSchema } from './schemas';
import { assertValidPain001 } from './validate-pain001';
import { logger } from '../log/logger';

interface RunRow {
  id: string;
  kind: PayoutKind;
  number: number;
  status: PayoutStatus;
  needs_second_approval: boolean;
  approved_by: string | null;
  execution_on: string;
}

interface TransferRow {
  id: string;
  creditor_id: string;
  file_id: string | null;
  file_reference: string | null;
  payee_name: string;
  iban: string;
  bic: string | null;
  mode: RemittanceMode | null;
  gross_cents: bigint;
  settled_cents: bigint;
  amount_cents: bigint;
  end_to_end_id: string;
}

export async function lockRun(tx: Tx, tenantId: string, runId: string): Promise<RunRow> {
  const [run] = await tx.$queryRaw<RunRow[]>`
    SELECT id::text, kind, number, status, needs_second_approval, approved_by::text, execution_on::text
      FROM payout_run WHERE tenant_id = ${tenantId}::uuid AND id = ${runId}::uuid FOR UPDATE`;
  if (!run) throw AppError.notFound();
  return run;
}

/**
 * A manager approves a proposed run; a run at or above the agency's threshold then waits for a second manager.
 * The final approval posts each transfer's entries (commission taken from the funds and the remittance, or the
 * refund of a debtor's credit), writes the run's one pain.001.001.09 file once it passed the ISO 20022 schema, and
 * asks the worker to send each creditor its statement. All of it or nothing: a file the schema refuses, or funds
 * the books no longer hold, leave the run as it was.
 */
export async function approvePayout({ actor, ip, ...input }: { actor: Actor; ip?: string; [k: string]: unknown }) {
  authorize(actor, 'payouts.manage');
  const { runId } = parseInput(runIdSchema, input);
  const me = personOf(actor);
  const outcome = await inTenant(
    scopeOf(actor),
    async (tx) => {
      const run = await lockRun(tx, actor.tenantId, runId);
      const step = approvalStep(
        { status: run.status, needsSecondApproval: run.needs_second_approval, approvedBy: run.approved_by },
        me,
      );
      if (!step.ok) throw AppError.refused('CONFLICT', M[step.reason]);
      const first = run.status === 'PROPOSED';
      await tx.$executeRaw`
        UPDATE payout_run
           SET status = ${step.next}::"PayoutStatus",
               approved_by = CASE WHEN ${first} THEN ${me}::uuid ELSE approved_by END,
               approved_at = CASE WHEN ${first} THEN now() ELSE approved_at END,
               second_approved_by = CASE WHEN ${first} THEN NULL ELSE ${me}::uuid END,
               second_approved_at = CASE WHEN ${first} THEN NULL ELSE now() END
         WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${run.id}::uuid`;
      if (step.next === 'APPROVED') await payOut(tx, actor, run);
      await recordAudit(
        tx,
        { tenantId: actor.tenantId, membershipId: me },
        {
          action: step.next === 'APPROVED' ? 'payout.approved' : 'payout.first_approval',
          entity: 'payout_run',
          entityId: run.id,
          ...(ip ? { ip } : {}),
          details: { kind: run.kind, number: run.number },
        },
      );
      return { status: step.next, kind: run.kind };
    },
    undefined,
    { timeoutMs: 120_000 },
  );
  if (outcome.status === 'APPROVED' && outcome.kind === 'REMITTANCE') {
    // The statements go out from the worker; if this is lost, the daily remittance job sends what is unsent.
    await enqueue(QueueName.PAYOUTS, 'statements', { tenantId: actor.tenantId, runId }).catch((error: unknown) =>
      logger.error({ err: error }, 'remittance statements not enqueued (the daily job will send them)'),
    );
  }
  return { runId, status: outcome.status };
}

async function payOut(tx: Tx, actor: Actor, run: RunRow): Promise<void> {
  const tenantId = actor.tenantId;
  const clock = await agencyClock(tx, tenantId);
  const transfers = await tx.$queryRaw<TransferRow[]>`
    SELECT t.id::text, t.creditor_id::text, t.file_id::text, f.reference AS file_reference, t.payee_name, t.iban,
           t.bic, t.mode, t.gross_cents, t.settled_cents, t.amount_cents, t.end_to_end_id
      FROM payout_transfer t LEFT JOIN case_file f ON f.tenant_id = t.tenant_id AND f.id = t.file_id
     WHERE t.tenant_id = ${tenantId}::uuid AND t.run_id = ${run.id}::uuid
     ORDER BY t.end_to_end_id`;
  const context = { tenantId, effectiveOn: clock.today, remittanceId: run.id, postedBy: personOf(actor) };
  // The commission each transfer takes (net) or leaves receivable (gross) is invoiced, reversals credited.
  const documents =
    run.kind === 'REMITTANCE'
      ? await issueRunInvoices(tx, {
          tenantId,
          runId: run.id,
          issuedOn: clock.today,
          issuedBy: personOf(actor),
          transfers: transfers.map((t) => ({
            id: t.id,
            creditorId: t.creditor_id,
            mode: t.mode ?? 'NET',
            settledCents: BigInt(t.settled_cents),
          })),
        })
      : new Map<string, IssuedDocuments>();

  for (const t of transfers) {
    if (run.kind === 'REMITTANCE') {
      const [held] = await tx.$queryRaw<{ balance: bigint | null }[]>`
        SELECT balance_cents AS balance FROM ledger_balance
         WHERE tenant_id = ${tenantId}::uuid AND account = 'CREDITOR_FUNDS_PAYABLE' AND creditor_id = ${t.creditor_id}::uuid`;
      const funds = readBalance('CREDITOR_FUNDS_PAYABLE', BigInt(held?.balance ?? 0n));
      if (funds < BigInt(t.gross_cents)) throw AppError.refused('CONFLICT', M.fundsShort);
      const party = { creditorId: t.creditor_id };
      const entry = { ...context, creditorId: t.creditor_id };
      if (BigInt(t.settled_cents) > 0n) {
        await postEntry(
          tx,
          { ...entry, invoiceId: documents.get(t.id)?.invoiceId ?? null },
          commissionSettlementEntry(party, { amountCents: BigInt(t.settled_cents) }),
        );
      }
      await postEntry(tx, entry, remittanceEntry(party, { amountCents: BigInt(t.amount_cents) }));
    } else {
      const [credit] = await tx.$queryRaw<{ held: bigint }[]>`
        SELECT coalesce(-sum(amount_cents), 0)::bigint AS held FROM journal_line
         WHERE tenant_id = ${tenantId}::uuid AND file_id = ${t.file_id}::uuid AND account = 'DEBTOR_CREDIT_HELD'`;
      if (BigInt(credit!.held) < BigInt(t.amount_cents)) throw AppError.refused('CONFLICT', M.noCredit);
      const party = { creditorId: t.creditor_id, fileId: t.file_id };
      await postEntry(
        tx,
        { ...context, creditorId: t.creditor_id, fileId: t.file_id },
        creditRefundEntry(party, { amountCents: BigInt(t.amount_cents) }),
      );
      // The file's own figure of the debtor's credit goes down with the books', through the file store.
      const [file] = await lockFilesById(tx, tenantId, [t.file_id!]);
      await saveFile(
        tx,
        file!,
        { creditCentsDelta: -Number(t.amount_cents) },
        {
          by: { membershipId: personOf(actor) },
          lines: [
            {
              kind: 'credit.refunded',
              details: { amountCents: Number(t.amount_cents), runNumber: run.number, currency: 'EUR' },
            },
          ],
        },
      );
    }
  }
  await tx.$executeRaw`
    UPDATE payout_transfer SET pending = false WHERE tenant_id = ${tenantId}::uuid AND run_id = ${run.id}::uuid`;

  const [agency] = await tx.$queryRaw<{ name: string; slug: string; iban: string | null; bic: string | null }[]>`
    SELECT legal_name AS name, slug, creditor_funds_iban AS iban, creditor_funds_bic AS bic FROM agency
     WHERE id = ${tenantId}::uuid`;
  if (!agency?.iban) throw AppError.refused('CONFLICT', M.noFundsAccount);
  const prefix = run.kind === 'REMITTANCE' ? 'REM' : 'REF';
  const messageId = `${prefix}${run.number}-${run.id.slice(0, 8)}`;
  const xml = buildPain001({
    messageId,
    createdAt: clock.now,
    executionOn: run.execution_on < clock.today ? clock.today : run.execution_on,
    debtor: { name: agency.name, iban: agency.iban, bic: agency.bic },
    transfers: transfers.map((t) => ({
      endToEndId: t.end_to_end_id,
      amountCents: BigInt(t.amount_cents),
      name: t.payee_name,
      iban: t.iban,
      bic: t.bic,
      remittanceInfo:
        run.kind === 'REMITTANCE'
          ? `Reversement ${run.number} ${agency.name}`
          : `Remboursement trop-percu dossier ${t.file_reference ?? ''}`,
    })),
  });
  // The one check that stands between this file and a bank: nothing is stored (or downloadable) unless it passes.
  await assertValidPain001(xml);
  await tx.$executeRaw`
    INSERT INTO payout_file (tenant_id, run_id, message_id, xml, sha256)
    VALUES (${tenantId}::uuid, ${run.id}::uuid, ${messageId}, ${xml},
            ${createHash('sha256').update(xml).digest('hex')})`;
}
