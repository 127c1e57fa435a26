import { lockFile, refuse, saveFile } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { declaredAmounts } from './declaration-data';
import { DECLARATION_MESSAGES as M } from './messages';
import { declarationDeadlineOf, openingOf } from './opening';
import { fileDeclarationSchema } from './schemas';

export interface FileClaimDeclarationResult {
  fileId: string;
  declarationId: string;
  version: number;
  declaredCents: number;
  toFallDueCents: number;
  /** Filed after the deadline: the creditor must ask to be relieved of the foreclosure (L622-26). */
  late: boolean;
}

/**
 * Records that the file's claims were declared to the mandataire judiciaire: the amounts the declaration states (as
 * of the opening judgment, lib/insolvency/declaration-data.ts), the security it invokes and the day of the creditor's
 * power. The follow-up task of the proceedings is done; the timeline says when and how much, and whether it was late.
 */
export async function fileClaimDeclaration({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
}): Promise<FileClaimDeclarationResult> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const v = parseInput(fileDeclarationSchema, input);
    const file = await lockFile(tx, actor, v.fileId, v.expectedVersion, clock);
    const opening = await openingOf(tx, actor.tenantId, file.debtorId);
    if (!opening) throw new AppError('CONFLICT', M.noProceedings);
    if (v.filedOn > clock.today) throw refuse('filedOn', M.future);
    if (v.filedOn < opening.occurredOn) throw refuse('filedOn', M.filedBeforeJudgment);
    const existing = await tx.claimDeclaration.findUnique({
      where: {
        tenantId_fileId_companyEventId: { tenantId: file.tenantId, fileId: file.id, companyEventId: opening.id },
      },
      select: { id: true },
    });
    if (existing) throw new AppError('CONFLICT', M.alreadyFiled);

    const amounts = await declaredAmounts(tx, file, opening.occurredOn);
    if (amounts.dueCents + amounts.toFallDueCents <= 0) throw new AppError('CONFLICT', M.nothingToDeclare);
    const creditor = await tx.creditor.findFirstOrThrow({
      where: { tenantId: file.tenantId, id: file.creditorId },
      select: { postcode: true },
    });
    const { deadline } = await declarationDeadlineOf(tx, file.tenantId, opening, creditor.postcode);
    const late = deadline !== null && v.filedOn > deadline;

    const declaration = await tx.claimDeclaration.create({
      data: {
        tenantId: file.tenantId,
        fileId: file.id,
        companyEventId: opening.id,
        filedOn: new Date(`${v.filedOn}T00:00:00Z`),
        powerOn: new Date(`${v.powerOn}T00:00:00Z`),
        declaredCents: BigInt(amounts.dueCents + amounts.toFallDueCents),
        toFallDueCents: BigInt(amounts.toFallDueCents),
        security: v.security,
        securityDetail: v.securityDetail,
        filedBy: actor.membershipId,
        filedAt: clock.now,
      },
      select: { id: true },
    });
    // The declaration was the follow-up's purpose.
    await tx.task.updateMany({
      where: { tenantId: file.tenantId, fileId: file.id, status: 'OPEN', kind: 'INSOLVENCY_FOLLOW_UP' },
      data: { status: 'DONE', doneAt: clock.now },
    });
    const { version } = await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: 'declaration.filed',
            details: {
              declarationId: declaration.id,
              companyEventId: opening.id,
              filedOn: v.filedOn,
              declaredCents: amounts.dueCents + amounts.toFallDueCents,
              toFallDueCents: amounts.toFallDueCents,
              security: v.security,
              deadline,
              late,
              currency: file.currency,
            },
          },
        ],
        audit: {
          action: 'claim_declaration.filed',
          entity: 'claim_declaration',
          entityId: declaration.id,
          details: { declaredCents: amounts.dueCents + amounts.toFallDueCents, late },
        },
      },
      clock.now,
    );
    await refreshFiles(tx, file.tenantId, [file.id], clock.today);
    return {
      fileId: file.id,
      declarationId: declaration.id,
      version,
      declaredCents: amounts.dueCents + amounts.toFallDueCents,
      toFallDueCents: amounts.toFallDueCents,
      late,
    };
  });
}
