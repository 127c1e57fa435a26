import { refuse, saveFile, type LockedFile } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { renderClaimDeclaration } from '../letters/claim-declaration';
import { derivedKey, storeBuffer } from '../storage/documents';
import { coveredFiles, lockCreditorFiles, recordCoveredFiles, type CoveredFile } from './creditor-files';
import { declarationLetter } from './declaration-data';
import { DECLARATION_MESSAGES as M } from './messages';
import { declarationDeadlineOf, openingOf, type Opening } from './opening';
import { fileDeclarationSchema } from './schemas';

export interface FileClaimDeclarationResult {
  fileId: string;
  declarationId: string;
  /** The new version of the file the declaration was filed from. */
  version: number;
  /** The whole declaration: every covered file's claims. */
  declaredCents: number;
  toFallDueCents: number;
  /** The creditor's files the declaration covers (id order). */
  fileIds: string[];
  /** Filed after the deadline: the creditor must ask to be relieved of the foreclosure (L622-26). */
  late: boolean;
}

/**
 * Records that the creditor's claims were declared to the mandataire judiciaire: one declaration per creditor and
 * proceedings, covering every one of its files against the debtor that has something to declare (the amounts as of
 * the opening judgment, lib/insolvency/declared-amounts.ts), with the security it invokes and the day of the
 * creditor's power. Each covered file's follow-up task is done and its timeline says its share; the whole is one row,
 * one deadline, one letter.
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
    const { from, files } = await lockCreditorFiles(tx, actor, v.fileId, v.expectedVersion, clock);
    const opening = await openingOf(tx, actor.tenantId, from.debtorId);
    if (!opening) throw new AppError('CONFLICT', M.noProceedings);
    if (v.filedOn > clock.today) throw refuse('filedOn', M.future);
    if (v.filedOn < opening.occurredOn) throw refuse('filedOn', M.filedBeforeJudgment);
    // One first declaration per creditor and proceedings; what follows is supplementary or corrective.
    const existing = await tx.claimDeclaration.findFirst({
      where: { tenantId: from.tenantId, creditorId: from.creditorId, companyEventId: opening.id, kind: 'INITIAL' },
      select: { id: true },
    });
    if (existing) throw new AppError('CONFLICT', M.alreadyFiled);

    const covered = await coveredFiles(tx, files, from.currency, opening.occurredOn);
    if (covered.length === 0) throw new AppError('CONFLICT', M.nothingToDeclare);
    const dueCents = covered.reduce((t, c) => t + c.amounts.dueCents, 0);
    const toFallDueCents = covered.reduce((t, c) => t + c.amounts.toFallDueCents, 0);
    const creditor = await tx.creditor.findFirstOrThrow({
      where: { tenantId: from.tenantId, id: from.creditorId },
      select: { postcode: true, country: true },
    });
    const { deadline } = declarationDeadlineOf(opening, creditor);
    const late = deadline !== null && v.filedOn > deadline;

    // The file it was filed from heads the letter; when that one has nothing to declare, the first covered file.
    const head = covered.find((c) => c.file.id === from.id)?.file ?? covered[0]!.file;
    const documentId = await storeLetter(tx, {
      actor,
      from,
      head,
      opening,
      covered,
      filing: {
        filedOn: v.filedOn,
        powerOn: v.powerOn,
        security: { kind: v.security, detail: v.securityDetail },
      },
      now: clock.now,
    });

    const declaration = await tx.claimDeclaration.create({
      data: {
        tenantId: from.tenantId,
        fileId: head.id,
        documentId,
        creditorId: from.creditorId,
        companyEventId: opening.id,
        filedOn: new Date(`${v.filedOn}T00:00:00Z`),
        powerOn: new Date(`${v.powerOn}T00:00:00Z`),
        declaredCents: BigInt(dueCents + toFallDueCents),
        toFallDueCents: BigInt(toFallDueCents),
        security: v.security,
        securityDetail: v.securityDetail,
        filedBy: actor.membershipId,
        filedAt: clock.now,
      },
      select: { id: true },
    });
    const fileIds = covered.map((c) => c.file.id);
    await recordCoveredFiles(
      tx,
      { tenantId: from.tenantId, declarationId: declaration.id, companyEventId: opening.id, now: clock.now },
      covered,
    );
    let version = from.version;
    for (const { file, amounts } of covered) {
      const saved = await saveFile(
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
                // A declaration common to several files: this file's share, and the whole.
                ...(covered.length > 1 ? { files: covered.length, totalCents: dueCents + toFallDueCents } : {}),
              },
            },
          ],
          ...(file.id === from.id || (file.id === covered[0]!.file.id && !fileIds.includes(from.id))
            ? {
                audit: {
                  action: 'claim_declaration.filed',
                  entity: 'claim_declaration',
                  entityId: declaration.id,
                  details: { declaredCents: dueCents + toFallDueCents, late, files: fileIds.length, documentId },
                },
              }
            : {}),
        },
        clock.now,
      );
      if (file.id === from.id) version = saved.version;
    }
    await refreshFiles(tx, from.tenantId, fileIds, clock.today);
    return {
      fileId: from.id,
      declarationId: declaration.id,
      version,
      declaredCents: dueCents + toFallDueCents,
      toFallDueCents,
      fileIds,
      late,
    };
  });
}

/**
 * The letter as it is filed, stored as a document of the file heading it: what went to the mandataire can be shown
 * later unchanged (lib/insolvency/declaration-document.ts). Its key is derived from the creditor and the proceedings,
 * the one declaration they can have, so a filing retried after a crash overwrites the same object.
 */
async function storeLetter(
  tx: Tx,
  d: {
    actor: Actor;
    from: LockedFile;
    head: LockedFile;
    opening: Opening;
    covered: CoveredFile<LockedFile>[];
    filing: Parameters<typeof declarationLetter>[1]['filing'];
    now: Date;
  },
): Promise<string> {
  const debtor = await tx.debtor.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: d.from.tenantId, id: d.from.debtorId } },
    select: { displayName: true, siren: true },
  });
  const letter = await declarationLetter(tx, {
    tenantId: d.from.tenantId,
    creditorId: d.from.creditorId,
    debtor,
    opening: d.opening,
    head: d.head,
    covered: d.covered,
    filing: d.filing,
  });
  const pdf = await renderClaimDeclaration(letter.data);
  const key = `claim-declaration:${d.from.creditorId}:${d.opening.id}`;
  const storageKey = derivedKey(d.from.tenantId, 'documents', key);
  const stored = await storeBuffer(storageKey, pdf);
  const document = await tx.document.create({
    data: {
      tenantId: d.from.tenantId,
      fileId: d.head.id,
      kind: 'CLAIM_DECLARATION',
      locale: 'fr',
      storageKey,
      sha256: stored.sha256,
      reference: letter.data.reference,
      executionKey: key,
      createdBy: d.actor.membershipId,
      createdAt: d.now,
    },
    select: { id: true },
  });
  return document.id;
}
