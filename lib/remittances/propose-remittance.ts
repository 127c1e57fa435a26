import { recordAudit } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import type { PayoutKind } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { creditorPayees, heldPayments } from './held-funds';
import { REMITTANCE_MESSAGES as M } from './messages';
import { needsSecondApproval, proposeTransfers } from './rules';
import { proposeRemittanceSchema } from './schemas';

export interface ProposedRun {
  runId: string;
  number: number;
  transfers: number;
  payments: number;
  totalCents: number;
  needsSecondApproval: boolean;
  /** Creditors holding funds whose mandate names no account to pay into: left for the next run. */
  creditorsWithoutAccount: number;
}

/** The payout settings a run is proposed under, read (and the agency's payouts serialised) in its transaction. */
export async function payoutContext(tx: RawTx, tenantId: string, executionOn: string | undefined) {
  // One proposal at a time per agency: two managers proposing at once would otherwise put a payment in both.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('payout-run'), hashtext(${tenantId}))`;
  const clock = await agencyClock(tx, tenantId);
  const day = executionOn ?? clock.today;
  if (day < clock.today) throw AppError.invalid({ executionOn: M.executionPast });
  const [agency] = await tx.$queryRaw<{ iban: string | null; threshold: bigint | null }[]>`
    SELECT creditor_funds_iban AS iban, payout_second_approval_cents AS threshold FROM agency
     WHERE id = ${tenantId}::uuid`;
  if (!agency?.iban) throw AppError.refused('CONFLICT', M.noFundsAccount);
  return {
    today: clock.today,
    executionOn: day,
    threshold: agency.threshold === null ? null : BigInt(agency.threshold),
  };
}

export async function nextRunNumber(tx: RawTx, tenantId: string, kind: PayoutKind): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT (coalesce(max(number), 0) + 1)::int AS n FROM payout_run
     WHERE tenant_id = ${tenantId}::uuid AND kind = ${kind}::"PayoutKind"`;
  return row!.n;
}

/**
 * A manager asks what is due: every payment whose money the agency holds, per creditor, net of commission or
 * gross as the mandate says, proposed as one run awaiting approval. The payments are taken by the run at once, so
 * a second proposal made meanwhile finds only what came in since.
 */
export async function proposeRemittance({
  actor,
  ip,
  ...input
}: {
  actor: Actor;
  ip?: string;
  [k: string]: unknown;
}): Promise<ProposedRun> {
  authorize(actor, 'payouts.manage');
  const p = parseInput(proposeRemittanceSchema, input);
  return inTenant(
    scopeOf(actor),
    async (tx) => {
      const context = await payoutContext(tx, actor.tenantId, p.executionOn);
      const held = await heldPayments(tx, actor.tenantId, { asOf: context.today });
      const payees = await creditorPayees(tx, actor.tenantId);
      const heldBy = new Set(held.map((h) => h.creditorId));
      const withoutAccount = [...heldBy].filter((id) => !payees.get(id)?.iban).length;
      const transfers = proposeTransfers(
        held,
        (id) => payees.get(id)?.mode ?? 'NET',
        (id) => Boolean(payees.get(id)?.iban),
      );
      if (transfers.length === 0) throw AppError.refused('CONFLICT', M.nothingDue);

      const total = transfers.reduce((s, t) => s + t.amountCents, 0n);
      const number = await nextRunNumber(tx, actor.tenantId, 'REMITTANCE');
      const second = needsSecondApproval(total, context.threshold);
      const [run] = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO payout_run (tenant_id, kind, number, as_of, execution_on, total_cents, transfers,
                                needs_second_approval, proposed_by)
        VALUES (${actor.tenantId}::uuid, 'REMITTANCE', ${number}, ${context.today}::date,
                ${context.executionOn}::date, ${total}, ${transfers.length}, ${second}, ${personOf(actor)}::uuid)
        RETURNING id::text`;
      const runId = run!.id;

      const col = <T>(pick: (t: (typeof transfers)[number], i: number) => T) => transfers.map(pick);
      const inserted = await tx.$queryRaw<{ id: string; creditor_id: string }[]>`
        INSERT INTO payout_transfer (tenant_id, run_id, creditor_id, payee_name, iban, bic, mode, gross_cents,
                                     commission_cents, vat_cents, settled_cents, amount_cents, end_to_end_id)
        SELECT ${actor.tenantId}::uuid, ${runId}::uuid, t.creditor_id, t.payee_name, t.iban, t.bic,
               t.mode::"RemittanceMode", t.gross, t.commission, t.vat, t.settled, t.amount, t.e2e
          FROM unnest(${col((t) => t.creditorId)}::uuid[], ${col((t) => payees.get(t.creditorId)!.name)}::text[],
                      ${col((t) => payees.get(t.creditorId)!.iban!)}::text[],
                      ${col((t) => payees.get(t.creditorId)!.bic)}::text[], ${col((t) => t.mode)}::text[],
                      ${col((t) => t.grossCents.toString())}::bigint[],
                      ${col((t) => t.commissionCents.toString())}::bigint[],
                      ${col((t) => t.vatCents.toString())}::bigint[], ${col((t) => t.settledCents.toString())}::bigint[],
                      ${col((t) => t.amountCents.toString())}::bigint[],
                      ${col((_, i) => `REM${number}-${i + 1}`)}::text[])
            AS t(creditor_id, payee_name, iban, bic, mode, gross, commission, vat, settled, amount, e2e)
        RETURNING id::text, creditor_id::text`;
      const transferOf = new Map(inserted.map((r) => [r.creditor_id, r.id]));

      const items = transfers.flatMap((t) => t.payments);
      // In slices: a first run after months can hold a few hundred thousand payments.
      for (let start = 0; start < items.length; start += 20_000) {
        const slice = items.slice(start, start + 20_000);
        const sc = <T>(pick: (p: (typeof items)[number]) => T) => slice.map(pick);
        await tx.$executeRaw`
          INSERT INTO payout_item (tenant_id, run_id, transfer_id, payment_id, creditor_id, file_id, received_on,
                                   gross_cents, commission_cents, vat_cents)
          SELECT ${actor.tenantId}::uuid, ${runId}::uuid, i.transfer_id, i.payment_id, i.creditor_id, i.file_id,
                 i.received_on, i.gross, i.commission, i.vat
            FROM unnest(${sc((p) => transferOf.get(p.creditorId)!)}::uuid[], ${sc((p) => p.paymentId)}::uuid[],
                        ${sc((p) => p.creditorId)}::uuid[], ${sc((p) => p.fileId)}::uuid[],
                        ${sc((p) => p.receivedOn)}::date[], ${sc((p) => p.grossCents.toString())}::bigint[],
                        ${sc((p) => p.commissionCents.toString())}::bigint[],
                        ${sc((p) => p.vatCents.toString())}::bigint[])
              AS i(transfer_id, payment_id, creditor_id, file_id, received_on, gross, commission, vat)`;
      }
      await recordAudit(
        tx,
        { tenantId: actor.tenantId, membershipId: personOf(actor) },
        {
          action: 'payout.proposed',
          entity: 'payout_run',
          entityId: runId,
          ...(ip ? { ip } : {}),
          details: { kind: 'REMITTANCE', number, transfers: transfers.length, totalCents: Number(total) },
        },
      );
      return {
        runId,
        number,
        transfers: transfers.length,
        payments: items.length,
        totalCents: Number(total),
        needsSecondApproval: second,
        creditorsWithoutAccount: withoutAccount,
      };
    },
    undefined,
    { timeoutMs: 120_000 },
  );
}
