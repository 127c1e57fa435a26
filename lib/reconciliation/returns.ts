import { postBankReturn } from '../accounting/post-receipt';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { reversePayment } from '../payments/reverse-payment';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import type { StatementEntry } from '../bank/statement-entry';

/**
 * A debit (or reversed credit) that undoes a credit already matched: a returned direct debit, a recalled
 * transfer, a bank's own reversal. Found by the end-to-end id both carry; the payments the credit became are
 * reversed (allocation, plan, promises, closure undone), each putting its part back on the unmatched receipts, and
 * the debit then takes what they put back out of the account: the credit is REVERSED, like the debit. A debit that
 * undoes nothing of ours (fees, transfers out) stays IGNORED; one that names a credit we cannot find waits for an
 * agent (DOUBTFUL).
 */
export async function reverseReturned(
  actor: Actor,
  ip: string | undefined,
  entryId: string,
  entry: StatementEntry,
): Promise<'REVERSED' | 'DOUBTFUL' | 'IGNORED'> {
  const undoes = entry.reversal || entry.returnReason !== null;
  const original = entry.endToEndId
    ? await inTenant(scopeOf(actor), async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; payment_ids: string[]; amounts: bigint[] }[]>`
          SELECT e.id, array_agg(p.payment_id) FILTER (WHERE p.payment_id IS NOT NULL) AS payment_ids,
                 array_agg(p.amount_cents) FILTER (WHERE p.payment_id IS NOT NULL) AS amounts
            FROM bank_entry e LEFT JOIN bank_entry_payment p ON p.tenant_id = e.tenant_id AND p.entry_id = e.id
           WHERE e.tenant_id = ${actor.tenantId}::uuid AND e.end_to_end_id = ${entry.endToEndId}
             AND e.direction = 'CREDIT' AND e.status = 'MATCHED' AND e.id <> ${entryId}::uuid
             AND e.amount_cents = ${entry.amountCents}
           GROUP BY e.id, e.booking_date ORDER BY e.booking_date DESC LIMIT 1`;
        return rows[0] ?? null;
      })
    : null;
  let status: 'REVERSED' | 'DOUBTFUL' | 'IGNORED' = undoes ? 'DOUBTFUL' : 'IGNORED';
  // What the reversals below put back on the unmatched receipts, which the bank's debit takes out of the account.
  let putBack = 0n;
  if (original) {
    for (const [i, paymentId] of (original.payment_ids ?? []).entries()) {
      try {
        // The reason is the bank's: its return code and the entry, values a reader's screen words.
        await reversePayment({ actor, ip, paymentId, reason: `${entry.returnReason ?? 'RVSL'} ${entry.bankRef}` });
        putBack += BigInt(original.amounts[i]!);
      } catch (error) {
        // Reversed already (by hand): what the bank undid is undone.
        if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
      }
    }
    status = 'REVERSED';
  }
  await inTenant(scopeOf(actor), async (tx) => {
    await tx.$executeRaw`
      UPDATE bank_entry SET status = ${status}::"BankEntryStatus",
             match = ${JSON.stringify(original ? { reverses: original.id } : {})}::jsonb
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${entryId}::uuid`;
    if (!original) return;
    // The credit the bank took back is no one's to assign any more.
    await tx.$executeRaw`
      UPDATE bank_entry SET status = 'REVERSED', match = match || ${JSON.stringify({ reversedBy: entryId })}::jsonb
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${original.id}::uuid`;
    if (putBack > 0n) {
      await postBankReturn(tx, {
        tenantId: actor.tenantId,
        bankEntryId: entryId,
        amountCents: putBack,
        bookingDate: entry.bookingDate,
        postedBy: personOf(actor),
      });
    }
  });
  return status;
}
