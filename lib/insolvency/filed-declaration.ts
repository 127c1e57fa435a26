import type { LockedFile } from '../cases/file-store';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { DECLARATION_MESSAGES as M } from './messages';
import { openingOf } from './opening';

/** The declaration filed on a file for the debtor's proceedings; a CONFLICT while none was filed. */
export async function filedDeclaration(tx: Tx, file: Pick<LockedFile, 'tenantId' | 'id' | 'debtorId'>) {
  const opening = await openingOf(tx, file.tenantId, file.debtorId);
  if (!opening) throw new AppError('CONFLICT', M.noProceedings);
  const declaration = await tx.claimDeclaration.findUnique({
    where: { tenantId_fileId_companyEventId: { tenantId: file.tenantId, fileId: file.id, companyEventId: opening.id } },
  });
  if (!declaration) throw new AppError('CONFLICT', M.notFiled);
  return declaration;
}
