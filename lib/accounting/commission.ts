import type { CommissionTerms } from './commission-terms';

// The commission on one payment, as a pure function of the mandate's terms and what the file was charged before.
//
// Rules (hand-computed cases in tests/unit/commission.test.ts):
// - The base is the money imputed to the claims (a debtor's credit held is not collected); money paid straight
//   to the creditor counts only when the terms say direct payments are commissionable.
// - The rate is the phase's (judicial from the day the file is in the judicial phase; the amicable rate when the
//   mandate has no judicial rate). Tiers by amount collected are marginal, like tax brackets, on the money
//   collected on the file so far; tiers by age pick one rate from the debt's age when it was placed.
// - Rounding: the rate part of a payment is round(f(collected after)) − round(f(collected before)), half up to the
//   cent, so the payments of a file add up to the rounded commission on their total (no cent drifts).
// - The fee per file is charged with the first commissionable money; the fee per letter for each letter sent
//   and not charged yet.
// - The minimum (per file) is reached with the first commissionable money; the maximum (per file) caps the total.
//   Neither the total nor any payment's share ever exceeds the money collected.
// - VAT is the commission × the VAT rate, half up to the cent.

export type CommissionPhase = 'AMICABLE' | 'JUDICIAL';

export interface CommissionInput {
  terms: CommissionTerms;
  phase: CommissionPhase;
  direct: boolean;
  /** What this payment imputed to the claims (negative never: reversals take back what was charged). */
  imputedCents: bigint;
  /** The commission base of the file's earlier payments, net of reversals. */
  collectedBeforeCents: bigint;
  /** The commission (before tax) the file was charged so far, net of reversals. */
  chargedBeforeCents: bigint;
  /** Days between the oldest claim's due date and the file's placement. */
  ageAtPlacementDays: number;
  /** Letters sent on the file not charged yet. */
  lettersUncharged: number;
}

export interface Commission {
  baseCents: bigint;
  /** The rate of the band the payment ended in (the whole payment's, without tiers). */
  rateBps: number;
  commissionCents: bigint;
  feeCents: bigint;
  lettersCharged: number;
  vatRateBps: number;
  vatCents: bigint;
}

/** Half up to the cent, from hundredths of a basis point of a cent. */
export const roundBps = (centsTimesBps: bigint) => (centsTimesBps + 5_000n) / 10_000n;

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);

function phaseBps(band: { amicableBps: number; judicialBps: number | null }, phase: CommissionPhase): number {
  return phase === 'JUDICIAL' && band.judicialBps !== null ? band.judicialBps : band.amicableBps;
}

/** cents × bps collected up to `collected` (unrounded), and the rate at that point. */
function rateFunction(input: CommissionInput): { at: (collected: bigint) => bigint; rateAt: (c: bigint) => number } {
  const { terms, phase } = input;
  const tiers = terms.tiers;
  if (tiers?.basis === 'COLLECTED') {
    const bands = tiers.bands.map((b, i) => ({
      from: BigInt(b.from),
      to: i + 1 < tiers.bands.length ? BigInt(tiers.bands[i + 1]!.from) : null,
      bps: BigInt(phaseBps(b, phase)),
    }));
    return {
      at: (collected) =>
        bands.reduce((sum, b) => {
          const top = b.to === null ? collected : min(collected, b.to);
          return top > b.from ? sum + (top - b.from) * b.bps : sum;
        }, 0n),
      rateAt: (c) => Number([...bands].reverse().find((b) => c > b.from || b.from === 0n)!.bps),
    };
  }
  const flat =
    tiers?.basis === 'AGE'
      ? phaseBps(
          [...tiers.bands].reverse().find((b) => input.ageAtPlacementDays >= b.from)!,
          phase,
        )
      : phaseBps({ amicableBps: terms.amicableBps, judicialBps: terms.judicialBps }, phase);
  return { at: (collected) => collected * BigInt(flat), rateAt: () => flat };
}

export function computeCommission(input: CommissionInput): Commission {
  const { terms } = input;
  const none: Commission = {
    baseCents: 0n,
    rateBps: 0,
    commissionCents: 0n,
    feeCents: 0n,
    lettersCharged: 0,
    vatRateBps: terms.vatRateBps,
    vatCents: 0n,
  };
  if (input.imputedCents <= 0n || (input.direct && !terms.directPaymentsCommissionable)) return none;

  const base = input.imputedCents;
  const before = max(input.collectedBeforeCents, 0n);
  const after = before + base;
  const f = rateFunction(input);
  const rateCents = roundBps(f.at(after)) - roundBps(f.at(before));
  const fees =
    (before === 0n ? BigInt(terms.fileFeeCents) : 0n) + BigInt(input.lettersUncharged) * BigInt(terms.letterFeeCents);

  let commission = rateCents + fees;
  const charged = input.chargedBeforeCents;
  if (charged + commission < BigInt(terms.minimumCents)) commission = BigInt(terms.minimumCents) - charged;
  if (terms.maximumCents !== null && charged + commission > BigInt(terms.maximumCents)) {
    commission = BigInt(terms.maximumCents) - charged;
  }
  commission = max(0n, min(commission, after - charged));

  return {
    baseCents: base,
    rateBps: f.rateAt(after),
    commissionCents: commission,
    feeCents: min(fees, commission),
    lettersCharged: input.lettersUncharged,
    vatRateBps: terms.vatRateBps,
    vatCents: roundBps(commission * BigInt(terms.vatRateBps)),
  };
}
