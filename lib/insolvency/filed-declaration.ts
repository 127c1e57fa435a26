import type { LockedFile } from '../cases/file-store';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { DECLARATION_MESSAGES as M } from './messages';
import { openingOf } from './opening';

/**
 * The declaration that covers a file in its debtor's proceedings — its creditor's one declaration, filed from this
 * file or from another of the creditor's files against the same debtor — with the files it covers (id order); a
 * CONFLICT while none was filed.
 */
export async function filedDeclaration(tx: Tx, file: Pick<LockedFile, 'tenantId' | 'id' | 'debtorId'>) {
  const opening = await openingOf(tx, file.tenantId, file.debtorId);
  if (!opening) throw new AppError('CONFLICT', M.noProceedings);
  const declaration = await declarationCovering(tx, file.tenantId, file.id, opening.id);
  if (!declaration) throw new AppError('CONFLICT', M.notFiled);
  return declaration;
}

/**
 * The creditor's first declaration in given proceedings that covers a file — itself, or through a supplementary or
 * corrective declaration linked to it (decision 0021) — with its files; null when none covers it.
 */
export async function declarationCovering(tx: Tx, tenantId: string, fileId: string, companyEventId: string) {
  const link = await tx.claimDeclarationFile.findFirst({
    where: { tenantId, fileId, companyEventId },
    select: { declarationId: true },
  });
  if (!link) return null;
  const own = await tx.claimDeclaration.findUniqueOrThrow({
    where: { tenantId_id: { tenantId, id: link.declarationId } },
    select: { id: true, amendsId: true },
  });
  return tx.claimDeclaration.findUniqueOrThrow({
    where: { tenantId_id: { tenantId, id: own.amendsId ?? own.id } },
    include: {
      files: {
        select: {
          fileId: true,
          declaredCents: true,
          toFallDueCents: true,
          file: { select: { reference: true } },
        },
        orderBy: { fileId: 'asc' },
      },
    },
  });
}

/** The supplementary and corrective declarations linked to a first one, in filing order, with their files. */
export async function linkedDeclarations(tx: Tx, tenantId: string, firstId: string) {
  return tx.claimDeclaration.findMany({
    where: { tenantId, amendsId: firstId },
    include: {
      files: {
        select: { fileId: true, declaredCents: true, file: { select: { reference: true } } },
        orderBy: { fileId: 'asc' },
      },
    },
    orderBy: { filedAt: 'asc' },
  });
}
