import { refuse, saveFile } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import type { DeclarationStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { lockCreditorFiles } from './creditor-files';
import { DECLARATION_MESSAGES as M } from './messages';
import { filedDeclaration } from './filed-declaration';
import { admittedCents, canDecide } from './rules';
import { decideDeclarationSchema } from './schemas';

export interface DecideClaimDeclarationResult {
  fileId: string;
  declarationId: string;
  version: number;
  status: DeclarationStatus;
  admittedCents: number | null;
}

/**
 * Records what became of the declaration covering the file: admitted in full or in part by the juge-commissaire (the
 * amount admitted is what dividends are paid on), contested by the mandataire (L622-27), or rejected. The timeline of
 * every file the declaration covers keeps each step; the declaration row holds the latest.
 */
export async function decideClaimDeclaration({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
}): Promise<DecideClaimDeclarationResult> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const v = parseInput(decideDeclarationSchema, input);
    const { from: file, files } = await lockCreditorFiles(tx, actor, v.fileId, v.expectedVersion, clock);
    const declaration = await filedDeclaration(tx, file);
    if (!canDecide(declaration.status, v.outcome)) throw new AppError('CONFLICT', M.outcomeFinal);
    if (v.decidedOn > clock.today) throw refuse('decidedOn', M.future);
    if (v.decidedOn < dayOf(declaration.filedOn)) throw refuse('decidedOn', M.decidedBeforeFiling);
    const declared = Number(declaration.declaredCents);
    const admitted = admittedCents(v.outcome, declared, v.admitted);
    if (!admitted.ok) throw refuse('admitted', M.admittedRange);

    await tx.claimDeclaration.update({
      where: { tenantId_id: { tenantId: file.tenantId, id: declaration.id } },
      data: {
        status: v.outcome,
        admittedCents: admitted.cents === null ? null : BigInt(admitted.cents),
        decidedOn: new Date(`${v.decidedOn}T00:00:00Z`),
        decidedBy: actor.membershipId,
        decidedAt: clock.now,
      },
    });
    let version = file.version;
    for (const covered of files.filter((f) => declaration.files.some((d) => d.fileId === f.id))) {
      const saved = await saveFile(
        tx,
        covered,
        {},
        {
          by: { membershipId: actor.membershipId, ip },
          lines: [
            {
              kind: 'declaration.decided',
              details: {
                declarationId: declaration.id,
                outcome: v.outcome,
                decidedOn: v.decidedOn,
                declaredCents: declared,
                ...(admitted.cents === null ? {} : { admittedCents: admitted.cents }),
                currency: covered.currency,
              },
            },
          ],
          ...(covered.id === file.id
            ? {
                audit: {
                  action: 'claim_declaration.decided',
                  entity: 'claim_declaration',
                  entityId: declaration.id,
                  details: { outcome: v.outcome, admittedCents: admitted.cents, statusFrom: declaration.status },
                },
              }
            : {}),
        },
        clock.now,
      );
      if (covered.id === file.id) version = saved.version;
    }
    return {
      fileId: file.id,
      declarationId: declaration.id,
      version,
      status: v.outcome,
      admittedCents: admitted.cents,
    };
  });
}
