import { z } from 'zod';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { given, money } from '../forms/fields';
import { recordAudit } from '../audit/record-audit';
import { postReceiptReturned, receiptSource } from '../accounting/post-receipt';
import { agencyToday } from '../dates/agency-clock';
import { recordPaymentIn, sendReceipt } from '../payments/record-payment';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { assignedCentsOf } from './assigned';
import { linkPayment } from './import-statement';

const M = {
  entry: 'reconciliation.errors.entry',
  fileReference: 'reconciliation.errors.fileReference',
  amount: 'reconciliation.errors.amount',
  overAssigned: 'reconciliation.errors.overAssigned',
  decided: 'reconciliation.errors.decided',
} as const;

const assignSchema = z
  .object({
    entryId: given(z.uuid({ error: M.entry })),
    fileReference: given(
      z
        .string({ error: M.fileReference })
        .trim()
        .toUpperCase()
        .regex(/^D\d{7}$/, M.fileReference),
    ),
    amount: given(money(M.amount, 1)),
  })
  .strict();

interface OpenEntry {
  id: string;
  amount_cents: bigint;
  assigned_cents: bigint;
  booking_date: Date;
  bank_ref: string;
  status: string;
}

/** The credit, locked: two agents assigning the same credit at once must not both record it. */
async function lockOpenEntry(tx: Tx, tenantId: string, entryId: string): Promise<OpenEntry> {
  const [entry] = await tx.$queryRaw<OpenEntry[]>`
    SELECT e.id, e.amount_cents, e.booking_date, e.bank_ref, e.status::text AS status,
           ${assignedCentsOf} AS assigned_cents
      FROM bank_entry e
     WHERE e.tenant_id = ${tenantId}::uuid AND e.id = ${entryId}::uuid AND e.direction = 'CREDIT'
       FOR UPDATE OF e`;
  if (!entry) throw AppError.notFound();
  if (entry.status !== 'DOUBTFUL' && entry.status !== 'UNMATCHED') {
    throw new AppError('CONFLICT', M.decided, { entryId: M.decided });
  }
  return entry;
}

/**
 * An agent says which file a doubtful or unmatched credit pays, for all of it or a part (one transfer for several
 * files is assigned part by part): each part is recorded as that file's payment, dated the day the bank booked
 * it, in the same transaction as its link to the credit. Fully assigned, the credit is MATCHED.
 */
export async function assignCredit({ actor, ip, ...input }: { actor: Actor; ip?: string; [k: string]: unknown }) {
  authorize(actor, 'bank.reconcile');
  const a = parseInput(assignSchema, input);
  const recorded = await inTenant(scopeOf(actor), async (tx) => {
    const entry = await lockOpenEntry(tx, actor.tenantId, a.entryId);
    const left = entry.amount_cents - entry.assigned_cents;
    if (BigInt(a.amount) > left) {
      throw AppError.invalid({ amount: { key: M.overAssigned, values: { left: Number(left) / 100 } } });
    }
    const [file] = await tx.$queryRaw<{ id: string; version: number }[]>`
      SELECT id, version FROM case_file WHERE tenant_id = ${actor.tenantId}::uuid AND reference = ${a.fileReference}`;
    if (!file) throw AppError.invalid({ fileReference: M.fileReference });
    const from = await receiptSource(tx, actor.tenantId, entry.id);
    const payment = await recordPaymentIn(
      {
        actor,
        ip,
        fileId: file.id,
        amount: (a.amount / 100).toFixed(2),
        method: 'TRANSFER',
        receivedOn: entry.booking_date.toISOString().slice(0, 10),
        reference: entry.bank_ref.slice(0, 100),
        expectedVersion: file.version,
      },
      tx,
      { from },
    );
    await linkPayment(tx, actor.tenantId, entry.id, payment.paymentId, file.id, BigInt(a.amount));
    const done = BigInt(a.amount) === left;
    if (done) await decide(tx, actor, entry.id, 'MATCHED');
    return { payment, done };
  });
  await sendReceipt(actor.tenantId, recorded.payment);
  return { paymentId: recorded.payment.paymentId, fullyAssigned: recorded.done };
}

/**
 * The credit is nobody's here (a wrong beneficiary, a debtor of another agency): marked to be sent back to the
 * payer. The refund itself is a transfer out of the creditors'-funds account, made by the agency's bank.
 */
export async function returnCredit({ actor, ip, entryId }: { actor: Actor; ip?: string; entryId: unknown }) {
  authorize(actor, 'bank.reconcile');
  const { entryId: id } = parseInput(z.object({ entryId: given(z.uuid({ error: M.entry })) }), { entryId });
  await inTenant(scopeOf(actor), async (tx) => {
    const entry = await lockOpenEntry(tx, actor.tenantId, id);
    if (entry.assigned_cents > 0n) throw new AppError('CONFLICT', M.decided, { entryId: M.decided });
    await decide(tx, actor, id, 'RETURNED');
    await postReceiptReturned(tx, {
      tenantId: actor.tenantId,
      bankEntryId: id,
      amountCents: entry.amount_cents,
      bookingDate: await agencyToday(tx, actor.tenantId),
      postedBy: personOf(actor),
    });
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'bank.creditReturned',
        entity: 'bank_entry',
        entityId: id,
        details: { amountCents: Number(entry.amount_cents), bankRef: entry.bank_ref },
        ...(ip ? { ip } : {}),
      },
    );
  });
}

async function decide(tx: Tx, actor: Actor, entryId: string, status: 'MATCHED' | 'RETURNED') {
  await tx.$executeRaw`
    UPDATE bank_entry SET status = ${status}::"BankEntryStatus", decided_by = ${personOf(actor)}::uuid,
           decided_at = now()
     WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${entryId}::uuid`;
}
