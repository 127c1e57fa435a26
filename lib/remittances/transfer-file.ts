import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { safeFileName } from '../payments/letter-parties';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { runIdSchema } from './schemas';
import { assertValidPain001 } from './validate-pain001';

/**
 * An approved run's SEPA credit-transfer file, for the manager to hand to the bank. It is checked against the ISO
 * 20022 schema again on the way out: a file that does not pass is never downloaded (an error, logged, instead).
 */
export async function transferFile({ actor, ip, runId }: { actor: Actor; ip?: string; runId: unknown }) {
  authorize(actor, 'payouts.manage');
  const id = parseInput(runIdSchema, { runId }).runId;
  const file = await inTenant(
    scopeOf(actor),
    async (tx) => {
      const [row] = await tx.$queryRaw<{ message_id: string; xml: string; kind: string; number: number }[]>`
      SELECT f.message_id, f.xml, r.kind::text AS kind, r.number
        FROM payout_file f JOIN payout_run r ON r.tenant_id = f.tenant_id AND r.id = f.run_id
       WHERE f.tenant_id = ${actor.tenantId}::uuid AND f.run_id = ${id}::uuid AND r.status = 'APPROVED'`;
      if (!row) throw AppError.notFound();
      await assertValidPain001(row.xml);
      await recordAudit(tx, actor, {
        action: 'payout.file_downloaded',
        entity: 'payout_run',
        entityId: id,
        ...(ip ? { ip } : {}),
        details: { messageId: row.message_id },
      });
      return row;
    },
    undefined,
    { timeoutMs: 30_000 },
  );
  const prefix = file.kind === 'REMITTANCE' ? 'reversement' : 'remboursement';
  return { name: safeFileName(`${prefix}-${file.number}-pain.001.001.09.xml`), xml: file.xml };
}
