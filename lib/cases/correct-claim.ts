import type { ClaimNature, FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { parseInput } from '../errors/zod';
import type { TimelineEntry } from '../history/kinds';
import { penaltyBasisOf } from '../interest/claim-terms';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { CLAIM_CORRECTION_MESSAGES as M, claimCorrectionSchema } from './claim-correction-schema';
import { recomputeLimitation } from './claim-limitation';
import { lockFile, refuse, saveFile } from './file-store';
import { isClosed } from './rules';

export interface CorrectClaimOptions {
  actor: Actor;
  /** claimCorrectionSchema: the claim, the version of the file read, the reason, and the changes. */
  input: unknown;
  ip?: string;
}

export interface CorrectClaimResult {
  fileId: string;
  claimId: string;
  version: number;
  status: FileStatus;
}

const rate = (bps: number | null) => (bps ? (bps / 100).toFixed(2) : undefined);

/**
 * An agent corrects one claim of a file (issue 14): its amount, its due date, its nature or interest terms, or
 * cancels it (an invoice cancelled by a credit note, or withdrawn after an upheld dispute). The reason goes on the
 * timeline with each value before and after, the audit trail records who and when, and the file's totals and
 * nature follow through the claim trigger (20261207110000_claim_terms) in the same transaction, so every amount
 * read afterwards (file page, letters, guards) is recomputed from the corrected claim.
 *
 * Money already imputed stays true: the amount cannot go below the principal paid on the claim, and a claim with
 * payments on it is not cancelled (reverse the payment first, lib/payments). A disputed file whose disputes are all
 * answered goes back to work with the correction (its open review tasks done); a file left without any claim is
 * closed WITHDRAWN. Claims are corrected, never deleted: the cancelled line keeps its invoice, at 0.
 */
export async function correctClaim({ actor, input, ip }: CorrectClaimOptions): Promise<CorrectClaimResult> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const change = parseInput(claimCorrectionSchema, input);
    const file = await lockFile(tx, actor, change.fileId, change.expectedVersion, clock);
    const claim = await tx.claim.findFirst({
      where: { tenantId: actor.tenantId, id: change.claimId, fileId: file.id },
    });
    if (!claim) throw refuse('claimId', M.notFilesClaim);
    if (claim.cancelledAt) throw refuse('claimId', M.cancelled);
    if (isClosed(file.status)) throw refuse('claimId', 'workspace.errors.claimOfClosedFile');

    const paid = await tx.$queryRaw<{ part: string; cents: bigint }[]>`
      SELECT part::text, sum(amount_cents) AS cents FROM allocation
       WHERE tenant_id = ${actor.tenantId}::uuid AND claim_id = ${claim.id}::uuid GROUP BY part`;
    const paidOf = (part: string) => Number(paid.find((p) => p.part === part)?.cents ?? 0);
    const before = {
      principalCents: Number(claim.principalCents),
      dueOn: dayOf(claim.dueOn),
      nature: claim.nature,
      contractRateBps: claim.contractRateBps,
      creditorIsPrivateIndividual: claim.creditorIsPrivateIndividual,
    };
    const common = { invoiceNumber: claim.invoiceNumber, reason: change.reason, currency: claim.currency };

    let line: TimelineEntry;
    let after = before;
    if (change.cancel) {
      if (paid.some((p) => Number(p.cents) !== 0)) throw refuse('cancel', M.paidClaim);
      after = { ...before, principalCents: 0 };
      await tx.$executeRaw`
        UPDATE claim SET principal_cents = 0, cancelled_at = ${clock.now}
         WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${claim.id}::uuid`;
      await recomputeLimitation(tx, actor.tenantId, [file.id]);
      line = { kind: 'claim.cancelled', details: { ...common, principalCents: before.principalCents } };
    } else {
      after = {
        principalCents: change.principalCents ?? before.principalCents,
        dueOn: change.dueOn ?? before.dueOn,
        nature: (change.nature ?? before.nature) as ClaimNature,
        contractRateBps: change.contractRateBps === undefined ? before.contractRateBps : change.contractRateBps,
        creditorIsPrivateIndividual: change.creditorIsPrivateIndividual ?? before.creditorIsPrivateIndividual,
      };
      const changed = (k: keyof typeof before) => after[k] !== before[k];
      if (!(Object.keys(before) as (keyof typeof before)[]).some(changed)) throw refuse('amount', M.nothingChanged);
      if (after.principalCents < paidOf('PRINCIPAL')) throw refuse('amount', M.belowPaid);
      if (after.dueOn > clock.today) throw refuse('dueOn', M.dueAfterToday);
      await tx.$executeRaw`
        UPDATE claim SET principal_cents = ${after.principalCents}, due_on = ${after.dueOn}::date,
                         nature = ${after.nature}::"ClaimNature", contract_rate_bps = ${after.contractRateBps},
                         creditor_is_private_individual = ${after.creditorIsPrivateIndividual},
                         -- The limitation follows a new nature or due date, unless an agent set its basis or start.
                         limitation_basis = CASE WHEN limitation_basis = default_limitation_basis(nature)
                           THEN default_limitation_basis(${after.nature}::"ClaimNature") ELSE limitation_basis END,
                         limitation_starts_on = CASE WHEN limitation_starts_on = due_on
                           THEN ${after.dueOn}::date ELSE limitation_starts_on END
         WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${claim.id}::uuid`;
      await recomputeLimitation(tx, actor.tenantId, [file.id]);
      const penaltyChanged = changed('contractRateBps');
      line = {
        kind: 'claim.corrected',
        details: {
          ...common,
          ...(changed('principalCents')
            ? { principalCents: after.principalCents, wasPrincipalCents: before.principalCents }
            : {}),
          ...(changed('dueOn') ? { dueOn: after.dueOn, wasDueOn: before.dueOn } : {}),
          ...(changed('nature') ? { nature: after.nature, wasNature: before.nature } : {}),
          ...(penaltyChanged
            ? {
                penaltyBasis: penaltyBasisOf(after.contractRateBps),
                wasPenaltyBasis: penaltyBasisOf(before.contractRateBps),
                contractRatePercent: rate(after.contractRateBps),
                wasContractRatePercent: rate(before.contractRateBps),
              }
            : {}),
          ...(changed('creditorIsPrivateIndividual')
            ? { creditorIsPrivateIndividual: after.creditorIsPrivateIndividual }
            : {}),
        },
      };
    }

    // Where the file stands now: nothing left to collect closes it; an answered dispute no longer holds it.
    const [left] = await tx.$queryRaw<{ live: number; openDisputes: number }[]>`
      SELECT (SELECT count(*)::int FROM claim WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid
                 AND cancelled_at IS NULL) AS live,
             (SELECT count(*)::int FROM dispute WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid
                 AND status = 'OPEN') AS "openDisputes"`;
    let status: FileStatus = file.status;
    if (left!.live === 0) status = 'WITHDRAWN';
    else if (file.status === 'DISPUTED' && left!.openDisputes === 0) status = 'IN_PROGRESS';
    if (status !== file.status) {
      await tx.task.updateMany({
        where: { tenantId: actor.tenantId, fileId: file.id, kind: 'REVIEW', status: 'OPEN' },
        data: { status: 'DONE', doneAt: clock.now },
      });
    }
    const audit = (values: typeof before) => JSON.stringify(values);
    const { version } = await saveFile(
      tx,
      file,
      { status },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [line],
        audit: {
          action: line.kind,
          entity: 'claim',
          entityId: claim.id,
          details: { reason: change.reason, before: audit(before), after: audit(after) },
        },
      },
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, claimId: claim.id, version, status };
  });
}
