// Imputation of a payment to a file's claims (pure: no I/O, no clock). Every cent of a payment ends on
// exactly one line, so what was paid can always be traced and, by a reversal, undone.

export type AllocationPart = 'INTEREST' | 'INDEMNITY' | 'PRINCIPAL' | 'CREDIT';

export interface ClaimDue {
  claimId: string;
  dueOn: string;
  interestDueCents: number;
  indemnityDueCents: number;
  principalDueCents: number;
}

export interface AllocationLine {
  /** null only for CREDIT: money held for the debtor, owed to no claim. */
  claimId: string | null;
  part: AllocationPart;
  cents: number;
}

// Within one claim. Code civil 1343-1: a partial payment goes to interest before principal. The €40
// recovery indemnity (Code de commerce L441-10 II, D441-5) is neither: no text ranks it, so it comes after
// interest (whose priority 1343-1 makes absolute) and before principal because, like interest, it is an
// accessory of the debt, and the capital — the debt itself — is what the creditor may require to be paid
// last. It also means a file whose principal is settled is settled: no stray €40 left alone on it.
const PARTS = [
  ['INTEREST', 'interestDueCents'],
  ['INDEMNITY', 'indemnityDueCents'],
  ['PRINCIPAL', 'principalDueCents'],
] as const;

/**
 * Code civil 1342-10: the claims the debtor designated, in the order given, then the others, oldest due
 * first (due claims before those not yet due follows from the same order). Equal due dates keep the
 * order the claims came in (the file's order), so the result never depends on sorting accidents; the
 * article's last resort — proportional imputation when all else is equal — is not applied.
 */
export function imputationOrder(claims: readonly ClaimDue[], designated: readonly string[] = []): ClaimDue[] {
  const byId = new Map(claims.map((c) => [c.claimId, c]));
  const seen = new Set<string>();
  const first: ClaimDue[] = [];
  for (const id of designated) {
    const claim = byId.get(id);
    if (!claim) throw new RangeError(`designated claim ${id} is not one of the file's claims`);
    if (seen.has(id)) throw new RangeError(`claim ${id} is designated twice`);
    seen.add(id);
    first.push(claim);
  }
  const rest = claims
    .map((claim, index) => ({ claim, index }))
    .filter(({ claim }) => !seen.has(claim.claimId))
    .sort((a, b) => (a.claim.dueOn < b.claim.dueOn ? -1 : a.claim.dueOn > b.claim.dueOn ? 1 : a.index - b.index))
    .map(({ claim }) => claim);
  return [...first, ...rest];
}

/**
 * Splits a payment over the claims: claim by claim in imputation order, each settled interest, then
 * indemnity, then principal. Whatever exceeds everything due is one CREDIT line: an overpayment is held
 * for the debtor, never lost.
 */
export function allocatePayment(
  amountCents: number,
  claims: readonly ClaimDue[],
  order?: readonly string[],
): { lines: AllocationLine[] } {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new RangeError(`a payment is a whole number of cents above 0, not ${amountCents}`);
  }
  let left = amountCents;
  const lines: AllocationLine[] = [];
  for (const claim of imputationOrder(claims, order)) {
    for (const [part, key] of PARTS) {
      if (left === 0) break;
      const cents = Math.min(left, Math.max(0, claim[key]));
      if (cents > 0) {
        lines.push({ claimId: claim.claimId, part, cents });
        left -= cents;
      }
    }
  }
  if (left > 0) lines.push({ claimId: null, part: 'CREDIT', cents: left });
  return { lines };
}

/** The lines a reversal writes: the same imputation, negated, so the sums per claim and part return to zero. */
export function reverseAllocation(lines: readonly AllocationLine[]): AllocationLine[] {
  return lines.map((line) => ({ claimId: line.claimId, part: line.part, cents: -line.cents }));
}

/** Cents held as credit by these lines (positive for a payment, negative for its reversal). */
export function creditOf(lines: readonly AllocationLine[]): number {
  return lines.reduce((sum, line) => sum + (line.part === 'CREDIT' ? line.cents : 0), 0);
}
