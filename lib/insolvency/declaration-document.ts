import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { Download } from '../http/download';
import { renderClaimDeclaration } from '../letters/claim-declaration';
import { safeFileName } from '../payments/letter-parties';
import { readStored } from '../storage/documents';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { claimDeclarationData, declarationRefSchema } from './declaration-data';
import { declarationCovering } from './filed-declaration';
import { openingOf } from './opening';

/**
 * The declaration covering the file, as a PDF: once filed, the very document stored when it was issued (unchanged
 * whatever changed since); before that, or for a declaration filed before documents were kept, drawn now. Another
 * agency's or creditor's file is not found; each download is audited.
 */
export async function claimDeclarationDownload({
  actor,
  fileId,
  ip,
}: {
  actor: Actor;
  fileId: unknown;
  ip?: string;
}): Promise<Download> {
  authorize(actor, 'files.work');
  const ref = parseInput(declarationRefSchema, { fileId });
  const stored = await inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: ref.fileId,
        ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
      },
      select: { id: true, debtorId: true },
    });
    if (!file) throw AppError.notFound();
    const opening = await openingOf(tx, actor.tenantId, file.debtorId);
    const filed = opening ? await declarationCovering(tx, actor.tenantId, file.id, opening.id) : null;
    if (!filed?.documentId) return null;
    const document = await tx.document.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: actor.tenantId, id: filed.documentId } },
      select: { storageKey: true, reference: true },
    });
    await recordAudit(tx, actor, {
      action: 'claim_declaration.downloaded',
      entity: 'claim_declaration',
      entityId: filed.id,
      ip,
      details: { fileId: file.id, documentId: filed.documentId },
    });
    const head = filed.files.find((f) => f.fileId === filed.fileId)?.file.reference ?? document.reference;
    return { key: document.storageKey, name: safeFileName(`declaration-creance-${head}.pdf`) };
  });
  if (stored) {
    const pdf = await readStored(stored.key).catch(() => {
      throw AppError.notFound();
    });
    return { name: stored.name, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
  }
  const document = await claimDeclarationData({ actor, fileId: ref.fileId, ip });
  const pdf = await renderClaimDeclaration(document.data);
  return { name: document.fileName, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
}
