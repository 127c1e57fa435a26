import { addDays } from '../dates/days';
import { computeCharges, type Charges, type ClaimNature, type InterestFreeze, type RateTables } from './rules';

/**
 * What is still due on each claim of a file on a given day: the charges the engine computes to that day, each
 * claim on its own nature and terms, less what payments were allocated to each part so far. Pure; allocations
 * dated after `asOf` are ignored.
 */

/** What decides a claim's interest, set per claim (issue 14): its nature and its creditor's terms. */
export interface ClaimTerms {
  nature: ClaimNature;
  /** B2B: the penalty rate the terms of sale set, in basis points; null when they set none (ECB + 10 points). */
  contractRateBps: number | null;
  /** The creditor is a natural person not acting for professional needs (CMF L313-2: the higher legal rate). */
  creditorIsPrivateIndividual: boolean;
}
export interface ClaimRow extends ClaimTerms {
  id: string;
  invoiceNumber: string;
  dueOn: string;
  principalCents: number;
  /** The invoice's day, standing for the day the claim was born (collective proceedings sort claims by it). */
  issuedOn?: string;
  /** A court title covers the claim since this day (CMF L313-3 majors the legal rate two months later). */
  titleEnforceableOn?: string | null;
}
/** Negative cents reverse an earlier allocation (the history is append-only). */
export interface AllocationRow {
  claimId: string;
  part: 'INTEREST' | 'INDEMNITY' | 'PRINCIPAL';
  cents: number;
  on: string;
}
export interface ClaimBalance {
  claimId: string;
  invoiceNumber: string;
  dueOn: string;
  principalCents: number;
  principalDueCents: number;
  interestAccruedCents: number;
  interestDueCents: number;
  indemnityDueCents: number;
  totalDueCents: number;
  /** The annual rate running on the claim on `asOf` (bps); 0 when none runs that day. */
  rateBps: number;
  charges: Charges;
}
export interface BalanceTotals {
  principalDueCents: number;
  interestDueCents: number;
  indemnityDueCents: number;
  totalDueCents: number;
}

/** The rate of the period that runs through `asOf`, if any (none before accrual starts or once principal is paid). */
function runningRateBps(charges: Charges, asOf: string): number {
  const last = charges.periods.at(-1);
  return last && last.to === asOf ? last.rateBps : 0;
}

/**
 * The last day interest and the indemnity run on a claim once collective proceedings opened (C. com. L622-28): the
 * day before the opening judgment, which takes effect from 0 h on its date, for a claim born before it. A claim born
 * on or after that day is a post-opening claim (L622-17): paid at its due date, its charges run as usual. Without
 * its issue day a claim counts as born before (its due date is later than its birth, never earlier).
 */
export function chargesStopOn(
  issuedOn: string | undefined,
  openingJudgmentOn: string | null | undefined,
): string | null {
  if (!openingJudgmentOn) return null;
  return issuedOn !== undefined && issuedOn >= openingJudgmentOn ? null : addDays(openingJudgmentOn, -1);
}

export function claimBalances(
  file: {
    formalNoticeOn: string | null;
    openingJudgmentOn?: string | null;
    /** Days the creditor waived interest on the file (a payment plan with interest frozen). */
    interestFrozen?: readonly InterestFreeze[];
  },
  claims: ClaimRow[],
  allocations: AllocationRow[],
  asOf: string,
  rates: RateTables,
): { claims: ClaimBalance[]; totals: BalanceTotals; estimated: boolean } {
  // Days are YYYY-MM-DD, so string order is calendar order.
  const known = allocations.filter((a) => a.on <= asOf);
  const totals: BalanceTotals = { principalDueCents: 0, interestDueCents: 0, indemnityDueCents: 0, totalDueCents: 0 };
  let estimated = false;

  const balances = claims.map((claim): ClaimBalance => {
    const mine = known.filter((a) => a.claimId === claim.id);
    const allocated = (part: AllocationRow['part']) =>
      mine.filter((a) => a.part === part).reduce((sum, a) => sum + a.cents, 0);

    const charges = computeCharges(
      {
        nature: claim.nature,
        dueOn: claim.dueOn,
        formalNoticeOn: file.formalNoticeOn,
        asOf,
        principalCents: claim.principalCents,
        principalPaid: mine.filter((a) => a.part === 'PRINCIPAL').map((a) => ({ on: a.on, cents: a.cents })),
        creditorIsPrivateIndividual: claim.creditorIsPrivateIndividual,
        contractRateBps: claim.contractRateBps,
        stopOn: chargesStopOn(claim.issuedOn, file.openingJudgmentOn),
        titleEnforceableOn: claim.titleEnforceableOn ?? null,
        interestFrozen: file.interestFrozen,
      },
      rates,
    );
    // Nothing shows as owed below zero: more allocated than accrued (a provisional rate later revised
    // down) is the payments module's credit to handle, not a negative debt.
    const principalDueCents = Math.max(0, claim.principalCents - allocated('PRINCIPAL'));
    const interestDueCents = Math.max(0, charges.interestCents - allocated('INTEREST'));
    const indemnityDueCents = Math.max(0, charges.indemnityCents - allocated('INDEMNITY'));
    const totalDueCents = principalDueCents + interestDueCents + indemnityDueCents;

    totals.principalDueCents += principalDueCents;
    totals.interestDueCents += interestDueCents;
    totals.indemnityDueCents += indemnityDueCents;
    totals.totalDueCents += totalDueCents;
    estimated ||= charges.estimated;

    return {
      claimId: claim.id,
      invoiceNumber: claim.invoiceNumber,
      dueOn: claim.dueOn,
      principalCents: claim.principalCents,
      principalDueCents,
      interestAccruedCents: charges.interestCents,
      interestDueCents,
      indemnityDueCents,
      totalDueCents,
      rateBps: runningRateBps(charges, asOf),
      charges,
    };
  });

  return { claims: balances, totals, estimated };
}
