import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { readStored } from '../storage/documents';
import { safeFileName } from '../payments/letter-parties';
import { DEBTOR_DOCUMENT_KINDS, linkedFile } from './queries';
import type { DebtorSession } from './rules';

/**
 * A letter or receipt of the debtor's own file, as it was sent (the stored PDF). Anything else — another file's
 * document, an internal one such as the judicial dossier, a letter not posted yet — is not found.
 */
export async function debtorDocument(session: DebtorSession, documentId: string, ip?: string, now = new Date()) {
  if (!z.uuid().safeParse(documentId).success) throw AppError.notFound();
  const document = await inTenant({ tenantId: session.tenantId }, async (tx) => {
    const found = await linkedFile(tx, session, now);
    if (!found) return null;
    const doc = await tx.document.findFirst({
      where: {
        tenantId: session.tenantId,
        id: documentId,
        fileId: found.file.id,
        kind: { in: [...DEBTOR_DOCUMENT_KINDS] },
        OR: [{ kind: 'RECEIPT' }, { sentOn: { not: null } }],
      },
    });
    if (!doc) return null;
    await recordAudit(
      tx,
      { tenantId: session.tenantId, membershipId: null },
      { action: 'debtor.document.read', entity: 'document', entityId: doc.id, ip, details: { fileId: found.file.id } },
    );
    return doc;
  });
  if (!document) throw AppError.notFound();
  const body = await readStored(document.storageKey);
  return {
    name: safeFileName(`${document.reference}.pdf`),
    contentType: 'application/pdf',
    size: body.length,
    body: new Uint8Array(body),
  };
}
