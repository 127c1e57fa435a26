import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { Download } from '../http/download';
import { readStored } from '../storage/documents';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

/**
 * A document a debtor attached to a dispute, for the agent who answers it (and the users of the file's own creditor,
 * through row security). Served with the type its content was recognised as when it arrived, never the browser's
 * claim; every read is audited. Another agency's or creditor's attachment, or a malformed id, is not found.
 */
export async function disputeAttachment({
  actor,
  id,
  ip,
}: {
  actor: Actor;
  id: string;
  ip?: string;
}): Promise<Download> {
  authorize(actor, 'files.read');
  if (!z.uuid().safeParse(id).success) throw AppError.notFound();
  const row = await inTenant(scopeOf(actor), async (tx) => {
    const found = await tx.disputeAttachment.findFirst({ where: { tenantId: actor.tenantId, id } });
    if (!found) return null;
    await recordAudit(tx, actor, {
      action: 'dispute.attachment_read',
      entity: 'dispute_attachment',
      entityId: found.id,
      ip,
      details: { fileId: found.fileId, disputeId: found.disputeId },
    });
    return found;
  });
  if (!row) throw AppError.notFound();
  const body = await readStored(row.storageKey);
  return { name: row.name, contentType: row.contentType, size: body.length, body: new Uint8Array(body) };
}
