import type { ClaimNature } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import type { AgencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import type { TimelineEntry } from '../history/kinds';
import { penaltyBasisOf } from '../interest/claim-terms';
import { CLAIM_CORRECTION_MESSAGES as M, type ClaimCorrection } from './claim-correction-schema';
import { recomputeLimitation } from './claim-limitation';
import type { FileAudit } from './file-store';
import { refuse as refuseField } from './file-store';
import { isClosed } from './rules';

/** What a correction changes: everything but the file it acts on, the version read and the reason. */
export type ClaimChange = Pick<ClaimCorrection, 'claimId' | 'reason' | 'cancel'> &
  Partial<Omit<ClaimCorrection, 'fileId' | 'expectedVersion' | 'claimId' | 'reason' | 'cancel'>>;

export interface AppliedCorrection {
  claimId: string;
  /** The timeline line: each changed value before and after, or the cancellation, with the reason. */
  line: TimelineEntry;
  audit: FileAudit;
}

const rate = (bps: number | null) => (bps ? (bps / 100).toFixed(2) : undefined);

/**
 * Writes one claim's correction (its amount, due date, nature or terms, or its cancellation) on a file locked by
 * the caller, and says what to record. The file's totals and nature follow through the claim trigger
 * (20261207110000_claim_terms), its limitation here, in the same transaction. Money already imputed stays true: the
 * amount cannot go below the principal paid on the claim, and a claim with payments on it is not cancelled.
 * `reduceOnly` (an upheld dispute): a new amount must be lower than the claim's.
 */
export async function applyClaimCorrection(
  tx: Tx,
  {
    tenantId,
    file,
    clock,
    change,
    reduceOnly = false,
    fieldPrefix = '',
  }: {
    tenantId: string;
    file: { id: string; status: Parameters<typeof isClosed>[0] };
    clock: Pick<AgencyClock, 'now' | 'today'>;
    change: ClaimChange;
    reduceOnly?: boolean;
    /** Where the form nests the correction ('correction.' in the dispute's form): refusals name its fields. */
    fieldPrefix?: string;
  },
): Promise<AppliedCorrection> {
  const refuse = (field: string, reason: string) => refuseField(`${fieldPrefix}${field}`, reason);
  const claim = await tx.claim.findFirst({ where: { tenantId, id: change.claimId, fileId: file.id } });
  if (!claim) throw refuse('claimId', M.notFilesClaim);
  if (claim.cancelledAt) throw refuse('claimId', M.cancelled);
  if (isClosed(file.status)) throw refuse('claimId', 'workspace.errors.claimOfClosedFile');

  const paid = await tx.$queryRaw<{ part: string; cents: bigint }[]>`
    SELECT part::text, sum(amount_cents) AS cents FROM allocation
     WHERE tenant_id = ${tenantId}::uuid AND claim_id = ${claim.id}::uuid GROUP BY part`;
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
       WHERE tenant_id = ${tenantId}::uuid AND id = ${claim.id}::uuid`;
    await recomputeLimitation(tx, tenantId, [file.id]);
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
    if (reduceOnly && after.principalCents >= before.principalCents) throw refuse('amount', M.notReduced);
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
       WHERE tenant_id = ${tenantId}::uuid AND id = ${claim.id}::uuid`;
    await recomputeLimitation(tx, tenantId, [file.id]);
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
  const values = (v: typeof before) => JSON.stringify(v);
  return {
    claimId: claim.id,
    line,
    audit: {
      action: line.kind,
      entity: 'claim',
      entityId: claim.id,
      details: { reason: change.reason, before: values(before), after: values(after) },
    },
  };
}
