import { ClaimNature } from '../db/generated/enums';
import { percentToBps } from './rate-entry';

// How a claim's interest terms are typed in a form (the mandate's defaults, an agent's change to one claim) and
// stored: contract_rate_bps NULL when the terms set no rate (B2B: ECB + 10 points, C. com. L441-10 II), 0 for the
// common clause "trois fois le taux d'intérêt légal" (the floor the engine applies, lib/interest/rules.ts), else
// the rate the terms state.

export const PENALTY_BASES = ['NONE', 'THREE_TIMES_LEGAL', 'FIXED'] as const;
export type PenaltyBasis = (typeof PENALTY_BASES)[number];
export const CLAIM_NATURES = Object.values(ClaimNature) as [ClaimNature, ...ClaimNature[]];

/** "12,5", "12.75 %" → basis points (1250); null unless above 0 and at most 50 % with 2 decimals at most. */
export function rateToBps(input: string | number): number | null {
  const bps = percentToBps(String(input));
  return bps !== null && bps > 0 ? bps : null;
}

export function penaltyBasisOf(contractRateBps: number | null): PenaltyBasis {
  return contractRateBps === null ? 'NONE' : contractRateBps === 0 ? 'THREE_TIMES_LEGAL' : 'FIXED';
}

/** The stored rate for a basis and, for FIXED, the typed rate; undefined when FIXED comes without a valid rate. */
export function contractRateBpsOf(basis: PenaltyBasis, rate: string | number | undefined): number | null | undefined {
  if (basis === 'NONE') return null;
  if (basis === 'THREE_TIMES_LEGAL') return 0;
  return rate === undefined ? undefined : (rateToBps(rate) ?? undefined);
}
