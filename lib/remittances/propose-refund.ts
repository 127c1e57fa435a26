import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { REMITTANCE_MESSAGES as M } from './messages';
import { nextRunNumber, payoutContext } from './propose-remittance';
import { needsSecondApproval } from './rules';
import { proposeRefundSchema } from './schemas';

/**
 * The debtor paid more than the file owed: the credit the books hold for it on that file is proposed for refund to
 * the account the manager gives (the one it paid from, as the bank statement shows it), as a run of its own with
 * the same approval as a remittance and its own transfer file. One refund awaits approval per file at a time.
 */
export async function proposeRefund({ actor, ip, ...input }: { actor: Actor; ip?: string; [k: string]: unknown }) {
  authorize(actor, 'payouts.manage');
  const p = parseInput(proposeRefundSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const context = await payoutContext(tx, actor.tenantId, p.executionOn);
    const [file] = await tx.$queryRaw<{ id: string; creditor_id: string; reference: string; debtor: string }[]>`
      SELECT f.id::text, f.creditor_id::text, f.reference, d.display_name AS debtor
        FROM case_file f JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE f.tenant_id = ${actor.tenantId}::uuid AND f.id = ${p.fileId}::uuid`;
    if (!file) throw AppError.notFound();
    const [credit] = await tx.$queryRaw<{ held: bigint }[]>`
      SELECT coalesce(-sum(amount_cents), 0)::bigint AS held FROM journal_line
       WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid AND account = 'DEBTOR_CREDIT_HELD'`;
    const amount = BigInt(credit!.held);
    if (amount <= 0n) throw AppError.refused('CONFLICT', M.noCredit);

    // Under the agency's payout lock (payoutContext): no other refund of this file can be proposed meanwhile.
    const [pending] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM payout_transfer
       WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid AND pending`;
    if (pending) throw AppError.refused('CONFLICT', M.refundPending);

    const number = await nextRunNumber(tx, actor.tenantId, 'REFUND');
    const second = needsSecondApproval(amount, context.threshold);
    const [run] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO payout_run (tenant_id, kind, number, as_of, execution_on, total_cents, transfers,
                              needs_second_approval, proposed_by)
      VALUES (${actor.tenantId}::uuid, 'REFUND', ${number}, ${context.today}::date, ${context.executionOn}::date,
              ${amount}, 1, ${second}, ${personOf(actor)}::uuid)
      RETURNING id::text`;
    await tx.$executeRaw`
        INSERT INTO payout_transfer (tenant_id, run_id, creditor_id, file_id, payee_name, iban, bic, gross_cents,
                                     commission_cents, vat_cents, settled_cents, amount_cents, end_to_end_id)
        VALUES (${actor.tenantId}::uuid, ${run!.id}::uuid, ${file.creditor_id}::uuid, ${file.id}::uuid,
                ${p.payeeName ?? file.debtor}, ${p.iban}, ${p.bic ?? null}, ${amount}, 0, 0, 0, ${amount},
                ${`REF${number}-1`})`;
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'payout.proposed',
        entity: 'payout_run',
        entityId: run!.id,
        ...(ip ? { ip } : {}),
        details: { kind: 'REFUND', number, fileId: file.id, totalCents: Number(amount) },
      },
    );
    return { runId: run!.id, number, totalCents: Number(amount), needsSecondApproval: second };
  });
}
