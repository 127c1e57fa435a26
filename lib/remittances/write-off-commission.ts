import { readBalance } from '../accounting/ledger-chart';
import { writeOffEntry } from '../accounting/ledger-entries';
import { postEntry } from '../accounting/post-entry';
import { recordAudit } from '../audit/record-audit';
import { agencyToday } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { recordTimeline } from '../history/record';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { REMITTANCE_MESSAGES as M } from './messages';
import { writeOffSchema } from './schemas';

/**
 * A manager gives up commission the creditor will not pay: a shortfall the creditor accepted on a file, or a
 * balance too small to invoice. The write-off is posted (WRITE_OFFS against what the creditor owes, never more
 * than it owes) and kept on the file's history with its reason, in one transaction.
 */
export async function writeOffCommission({ actor, ip, ...input }: { actor: Actor; ip?: string; [k: string]: unknown }) {
  authorize(actor, 'commission.manage');
  const w = parseInput(writeOffSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const [file] = await tx.$queryRaw<{ id: string; creditor_id: string; currency: string }[]>`
      SELECT id::text, creditor_id::text, currency FROM case_file
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${w.fileId}::uuid FOR UPDATE`;
    if (!file) throw AppError.notFound();
    const [owed] = await tx.$queryRaw<{ balance: bigint | null }[]>`
      SELECT balance_cents AS balance FROM ledger_balance
       WHERE tenant_id = ${actor.tenantId}::uuid AND account = 'COMMISSION_RECEIVABLE'
         AND creditor_id = ${file.creditor_id}::uuid`;
    const due = readBalance('COMMISSION_RECEIVABLE', BigInt(owed?.balance ?? 0n));
    if (BigInt(w.amount) > due) throw AppError.invalid({ amount: M.writeOffAmount });
    const entryId = await postEntry(
      tx,
      {
        tenantId: actor.tenantId,
        effectiveOn: await agencyToday(tx, actor.tenantId),
        creditorId: file.creditor_id,
        fileId: file.id,
        postedBy: personOf(actor),
      },
      writeOffEntry({ creditorId: file.creditor_id, fileId: file.id }, { amountCents: BigInt(w.amount) }),
    );
    await recordTimeline(
      tx,
      { tenantId: actor.tenantId, fileId: file.id, actorId: personOf(actor) },
      {
        kind: 'commission.written_off',
        details: { amountCents: w.amount, reason: w.reason, currency: file.currency.trim() },
      },
    );
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'ledger.written_off',
        entity: 'journal_entry',
        entityId: entryId,
        ...(ip ? { ip } : {}),
        details: { fileId: file.id, amountCents: w.amount },
      },
    );
    return { entryId, amountCents: w.amount };
  });
}
