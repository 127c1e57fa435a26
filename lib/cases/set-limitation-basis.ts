import type { LimitationBasis } from '../compliance/limitation';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { recomputeLimitation } from './claim-limitation';
import { lockFile, refuse, saveFile } from './file-store';
import { LIMITATION_BASIS_MESSAGES as M, limitationBasisSchema } from './limitation-basis-schema';
import { isClosed } from './rules';

export interface SetLimitationBasisOptions {
  actor: Actor;
  /** limitationBasisSchema: the claim, the version of the file read, the basis, its start and the reason. */
  input: unknown;
  ip?: string;
}

export interface SetLimitationBasisResult {
  fileId: string;
  claimId: string;
  version: number;
  /** The claim's new last day; null while a suspension or a consumer-credit plan holds it. */
  limitationOn: string | null;
}

/**
 * An agent sets one claim's limitation basis (and the day it runs from) with a reason: the claim's date, the file's
 * and its rank in the queue are recomputed in the same transaction from the basis and the events already recorded,
 * and the timeline says before → after. A basis set here is kept when the claim's nature is corrected later
 * (lib/cases/apply-claim-correction.ts only moves a basis that was its nature's default).
 */
export async function setLimitationBasis({
  actor,
  input,
  ip,
}: SetLimitationBasisOptions): Promise<SetLimitationBasisResult> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const change = parseInput(limitationBasisSchema, input);
    const file = await lockFile(tx, actor, change.fileId, change.expectedVersion, clock);
    const claim = await tx.claim.findFirst({
      where: { tenantId: actor.tenantId, id: change.claimId, fileId: file.id },
      select: {
        id: true,
        invoiceNumber: true,
        cancelledAt: true,
        limitationBasis: true,
        limitationStartsOn: true,
        limitationOn: true,
      },
    });
    if (!claim) throw refuse('claimId', M.claimId);
    if (claim.cancelledAt) throw refuse('claimId', M.cancelled);
    if (isClosed(file.status)) throw refuse('claimId', 'workspace.errors.claimOfClosedFile');
    const basis = change.basis as LimitationBasis;
    const before = {
      basis: claim.limitationBasis as LimitationBasis,
      startsOn: dayOf(claim.limitationStartsOn),
      limitationOn: claim.limitationOn ? dayOf(claim.limitationOn) : null,
    };
    const startsOn = change.startsOn ?? before.startsOn;
    if (startsOn > clock.today) throw refuse('startsOn', M.startsAfterToday);
    if (basis === before.basis && startsOn === before.startsOn) throw refuse('basis', M.nothingChanged);

    await tx.$executeRaw`
      UPDATE claim SET limitation_basis = ${basis}::"LimitationBasis", limitation_starts_on = ${startsOn}::date
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${claim.id}::uuid`;
    await recomputeLimitation(tx, actor.tenantId, [file.id]);
    const after = await tx.claim.findFirstOrThrow({
      where: { tenantId: actor.tenantId, id: claim.id },
      select: { limitationOn: true },
    });
    const limitationOn = after.limitationOn ? dayOf(after.limitationOn) : null;

    const details = {
      invoiceNumber: claim.invoiceNumber,
      basis,
      wasBasis: before.basis,
      ...(startsOn !== before.startsOn ? { startsOn, wasStartsOn: before.startsOn } : {}),
      limitationOn,
      wasLimitationOn: before.limitationOn,
      reason: change.reason,
    };
    const { version } = await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [{ kind: 'limitation.basis_changed', details }],
        audit: {
          action: 'limitation.basis_changed',
          entity: 'claim',
          entityId: claim.id,
          details: {
            reason: change.reason,
            before: JSON.stringify(before),
            after: JSON.stringify({ basis, startsOn, limitationOn }),
          },
        },
      },
      clock.now,
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, claimId: claim.id, version, limitationOn };
  });
}
