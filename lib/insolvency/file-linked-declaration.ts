import { refuse, saveFile, type LockedFile } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { renderClaimDeclaration } from '../letters/claim-declaration';
import { derivedKey, storeBuffer } from '../storage/documents';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { lockCreditorFiles, recordCoveredFiles, type CoveredFile } from './creditor-files';
import { declarationLetter } from './declaration-data';
import { declaredAmounts } from './declared-amounts';
import { DECLARATION_MESSAGES as M } from './messages';
import { declarationDeadlineOf, openingOf } from './opening';
import { linkedDeclarationSchema } from './schemas';

export interface FileLinkedDeclarationResult {
  fileId: string;
  declarationId: string;
  /** The first declaration it adds to or corrects. */
  amendsId: string;
  kind: 'SUPPLEMENTARY' | 'CORRECTIVE';
  version: number;
  declaredCents: number;
  /** Each covered file's amount in this declaration (id order). */
  files: { fileId: string; declaredCents: number }[];
  late: boolean;
}

interface Declared {
  kind: 'INITIAL' | 'SUPPLEMENTARY' | 'CORRECTIVE';
  filedAt: Date;
  files: { fileId: string; declaredCents: bigint }[];
}

/**
 * What the creditor's declarations state for each file so far, in filing order: a first or supplementary declaration
 * adds its amount, a corrective one replaces it (decision 0021). With the last time each file was declared.
 */
export function standingAmounts(declared: readonly Declared[]): Map<string, { cents: number; lastFiledAt: Date }> {
  const standing = new Map<string, { cents: number; lastFiledAt: Date }>();
  for (const d of [...declared].sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime()))
    for (const f of d.files) {
      const before = standing.get(f.fileId)?.cents ?? 0;
      standing.set(f.fileId, {
        cents: d.kind === 'CORRECTIVE' ? Number(f.declaredCents) : before + Number(f.declaredCents),
        lastFiledAt: d.filedAt,
      });
    }
  return standing;
}

/**
 * Files a supplementary or corrective declaration (déclaration complémentaire or rectificative), a declaration of its
 * own linked to the creditor's first one in the proceedings, with its own amounts and its own PDF; the first is never
 * edited (decision 0021).
 * - SUPPLEMENTARY declares the claims born before the judgment that no earlier declaration contained: those of the
 *   creditor's files none covered, and those added to a covered file after it was last declared.
 * - CORRECTIVE restates, for each file already declared whose amount on the judgment day now differs from what the
 *   declarations state (a credited invoice, a corrected amount), the file's full corrected amount.
 * Within the deadline (R622-24, in the court's calendar), or after it only under the order relieving the creditor of
 * the foreclosure (L622-26), whose day it records and prints.
 */
export async function fileLinkedDeclaration({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
}): Promise<FileLinkedDeclarationResult> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const v = parseInput(linkedDeclarationSchema, input);
    const { from, files } = await lockCreditorFiles(tx, actor, v.fileId, v.expectedVersion, clock);
    const opening = await openingOf(tx, actor.tenantId, from.debtorId);
    if (!opening) throw new AppError('CONFLICT', M.noProceedings);
    if (v.filedOn > clock.today) throw refuse('filedOn', M.future);
    const first = await tx.claimDeclaration.findFirst({
      where: { tenantId: from.tenantId, creditorId: from.creditorId, companyEventId: opening.id, kind: 'INITIAL' },
      include: { files: { select: { fileId: true, declaredCents: true } }, file: { select: { reference: true } } },
    });
    if (!first) throw new AppError('CONFLICT', M.firstMissing);
    const firstFiledOn = dayOf(first.filedOn);
    if (v.filedOn < firstFiledOn) throw refuse('filedOn', M.beforeFirst);
    const creditor = await tx.creditor.findFirstOrThrow({
      where: { tenantId: from.tenantId, id: from.creditorId },
      select: { postcode: true, country: true },
    });
    const { deadline } = declarationDeadlineOf(opening, creditor);
    const late = deadline !== null && v.filedOn > deadline;
    if (late && !v.reliefOn) throw refuse('reliefOn', M.reliefRequired);
    if (!late && v.reliefOn) throw refuse('reliefOn', M.reliefNotNeeded);

    const linked = await tx.claimDeclaration.findMany({
      where: { tenantId: from.tenantId, amendsId: first.id },
      select: { kind: true, filedAt: true, files: { select: { fileId: true, declaredCents: true } } },
    });
    const standing = standingAmounts([first, ...linked]);
    const covered = await linkedAmounts(tx, v.kind, files, from.currency, opening.occurredOn, standing);
    if (covered.length === 0)
      throw new AppError('CONFLICT', v.kind === 'SUPPLEMENTARY' ? M.nothingNew : M.nothingToCorrect);
    const total = covered.reduce((t, c) => t + c.amounts.dueCents + c.amounts.toFallDueCents, 0);
    const toFallDueCents = covered.reduce((t, c) => t + c.amounts.toFallDueCents, 0);
    const previousCents = covered.reduce((t, c) => t + (standing.get(c.file.id)?.cents ?? 0), 0);

    const head = covered.find((c) => c.file.id === from.id)?.file ?? covered[0]!.file;
    // Its own reference: C1, C2… for supplementary declarations, R1… for corrective ones, after the first's.
    const rank = linked.filter((l) => l.kind === v.kind).length + 1;
    const suffix = `${v.kind === 'SUPPLEMENTARY' ? 'C' : 'R'}${rank}`;
    const debtor = await tx.debtor.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: from.tenantId, id: from.debtorId } },
      select: { displayName: true, siren: true },
    });
    const letter = await declarationLetter(tx, {
      tenantId: from.tenantId,
      creditorId: from.creditorId,
      debtor,
      opening,
      head,
      covered,
      filing: { filedOn: v.filedOn, powerOn: v.powerOn, security: { kind: v.security, detail: v.securityDetail } },
      amends: {
        suffix,
        data: {
          kind: v.kind,
          firstFiledOn,
          firstReference: `DC-${first.file.reference}`,
          previousCents,
          reliefOn: v.reliefOn,
        },
      },
    });
    const pdf = await renderClaimDeclaration(letter.data);
    // Keyed by creditor, proceedings, kind and rank: a filing retried after a crash overwrites the same object.
    const key = `claim-declaration:${from.creditorId}:${opening.id}:${suffix}`;
    const storageKey = derivedKey(from.tenantId, 'documents', key);
    const stored = await storeBuffer(storageKey, pdf);
    const document = await tx.document.create({
      data: {
        tenantId: from.tenantId,
        fileId: head.id,
        kind: 'CLAIM_DECLARATION',
        locale: 'fr',
        storageKey,
        sha256: stored.sha256,
        reference: letter.data.reference,
        executionKey: key,
        createdBy: actor.membershipId,
        createdAt: clock.now,
      },
      select: { id: true },
    });

    const declaration = await tx.claimDeclaration.create({
      data: {
        tenantId: from.tenantId,
        fileId: head.id,
        documentId: document.id,
        creditorId: from.creditorId,
        companyEventId: opening.id,
        kind: v.kind,
        amendsId: first.id,
        reliefOn: v.reliefOn ? new Date(`${v.reliefOn}T00:00:00Z`) : null,
        filedOn: new Date(`${v.filedOn}T00:00:00Z`),
        powerOn: new Date(`${v.powerOn}T00:00:00Z`),
        declaredCents: BigInt(total),
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
              kind: 'declaration.amended',
              details: {
                declarationId: declaration.id,
                amendsId: first.id,
                kind: v.kind,
                filedOn: v.filedOn,
                firstFiledOn,
                declaredCents: amounts.dueCents + amounts.toFallDueCents,
                late,
                reliefOn: v.reliefOn,
                currency: file.currency,
              },
            },
          ],
          ...(file.id === head.id
            ? {
                audit: {
                  action: 'claim_declaration.amended',
                  entity: 'claim_declaration',
                  entityId: declaration.id,
                  details: {
                    kind: v.kind,
                    amendsId: first.id,
                    declaredCents: total,
                    late,
                    reliefOn: v.reliefOn,
                    files: fileIds.length,
                    documentId: document.id,
                  },
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
      amendsId: first.id,
      kind: v.kind,
      version,
      declaredCents: total,
      files: covered.map((c) => ({
        fileId: c.file.id,
        declaredCents: c.amounts.dueCents + c.amounts.toFallDueCents,
      })),
      late,
    };
  });
}

/** The files a linked declaration covers, with what it declares for each (see fileLinkedDeclaration). */
async function linkedAmounts(
  tx: Tx,
  kind: 'SUPPLEMENTARY' | 'CORRECTIVE',
  files: readonly LockedFile[],
  currency: string,
  openedOn: string,
  standing: Map<string, { cents: number; lastFiledAt: Date }>,
): Promise<CoveredFile<LockedFile>[]> {
  const covered: CoveredFile<LockedFile>[] = [];
  for (const file of files) {
    if (file.currency.trim() !== currency.trim()) continue;
    const stated = standing.get(file.id);
    if (kind === 'CORRECTIVE') {
      if (!stated) continue;
      const amounts = await declaredAmounts(tx, file, openedOn);
      if (amounts.dueCents + amounts.toFallDueCents !== stated.cents) covered.push({ file, amounts });
      continue;
    }
    // Claims put on the file after it was last declared were in no declaration.
    const fresh = stated
      ? await tx.claim.findMany({
          where: { tenantId: file.tenantId, fileId: file.id, createdAt: { gt: stated.lastFiledAt } },
          select: { id: true },
        })
      : null;
    const amounts = await declaredAmounts(tx, file, openedOn, fresh ? new Set(fresh.map((c) => c.id)) : undefined);
    if (amounts.dueCents + amounts.toFallDueCents > 0) covered.push({ file, amounts });
  }
  return covered;
}
