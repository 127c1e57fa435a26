import { checkVersion, lockDebtorFiles, type LockedFile } from '../cases/file-store';
import type { AgencyClock } from '../dates/agency-clock';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { Actor } from '../tenancy/actor';
import { declaredAmounts, type DeclaredAmounts } from './declared-amounts';

// One declaration per creditor and proceedings (issue 14, decision 0016): the files it covers are all the creditor's
// files against the debtor that hold something to declare on the judgment day.

type DeclarableFile = Pick<LockedFile, 'tenantId' | 'id' | 'reference' | 'currency'> & {
  formalNoticeOn: Date | string | null;
};

export interface CoveredFile<F extends DeclarableFile = DeclarableFile> {
  file: F;
  amounts: DeclaredAmounts;
}

/**
 * The creditor's files against the debtor of `fileId`, locked in id order with the debtor's other files (the order
 * company events lock them in, so the two cannot deadlock); the file the form was on is checked at the version it
 * read. Another agency's or creditor's file is not found.
 */
export async function lockCreditorFiles(
  tx: Tx,
  actor: Pick<Actor, 'tenantId' | 'creditorId'>,
  fileId: string,
  expectedVersion: number,
  clock: Pick<AgencyClock, 'timeZone'>,
): Promise<{ from: LockedFile; files: LockedFile[] }> {
  const origin = await tx.caseFile.findFirst({
    where: { tenantId: actor.tenantId, id: fileId, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
    select: { debtorId: true, creditorId: true },
  });
  if (!origin) throw AppError.notFound();
  const files = (await lockDebtorFiles(tx, actor, origin.debtorId)).filter((f) => f.creditorId === origin.creditorId);
  const from = files.find((f) => f.id === fileId);
  if (!from) throw AppError.notFound();
  await checkVersion(tx, from, expectedVersion, clock);
  return { from, files };
}

/**
 * What each file would declare on the judgment day (lib/insolvency/declaration-data.ts), the files with nothing to
 * declare left out. One declaration states one currency: files in another currency than the one it is filed from
 * are left out too (a creditor's files are in euros in practice).
 */
export async function coveredFiles<F extends DeclarableFile>(
  tx: Tx,
  files: readonly F[],
  currency: string,
  openedOn: string,
): Promise<CoveredFile<F>[]> {
  const covered: CoveredFile<F>[] = [];
  for (const file of files) {
    if (file.currency.trim() !== currency.trim()) continue;
    const amounts = await declaredAmounts(tx, file, openedOn);
    if (amounts.dueCents + amounts.toFallDueCents > 0) covered.push({ file, amounts });
  }
  return covered;
}

/**
 * Records which files a declaration covers, with each one's share, and closes their insolvency follow-up: the
 * declaration was its purpose. A first declaration and a supplementary or corrective one file the same way.
 */
export async function recordCoveredFiles(
  tx: Tx,
  d: { tenantId: string; declarationId: string; companyEventId: string; now: Date },
  covered: readonly CoveredFile[],
): Promise<void> {
  await tx.claimDeclarationFile.createMany({
    data: covered.map(({ file, amounts }) => ({
      tenantId: d.tenantId,
      declarationId: d.declarationId,
      fileId: file.id,
      companyEventId: d.companyEventId,
      declaredCents: BigInt(amounts.dueCents + amounts.toFallDueCents),
      toFallDueCents: BigInt(amounts.toFallDueCents),
    })),
  });
  await tx.task.updateMany({
    where: {
      tenantId: d.tenantId,
      fileId: { in: covered.map((c) => c.file.id) },
      status: 'OPEN',
      kind: 'INSOLVENCY_FOLLOW_UP',
    },
    data: { status: 'DONE', doneAt: d.now },
  });
}
