// Imputation of a payment to a file's claims (pure: no I/O, no clock). Every cent of a payment ends on
// exactly one line, so what was paid can always be traced and, by a reversal, undone.

export type AllocationPart = 'INTEREST' | 'INDEMNITY' | 'PRINCIPAL' | 'CREDIT';

export interface ClaimDue {
  claimId: string;
  dueOn: string;
  interestDueCents: number;
  indemnityDueCents: number;
  principalDueCents: number;
  /**
   * The annual rate of interest or late penalties running on the claim the day of the payment, in basis
   * points; 0 (or absent) when it bears none that day (a consumer claim before its formal notice, interest
   * frozen under a payment plan). It measures the debtor's "intérêt d'acquitter" (Code civil 1342-10).
   */
  rateBps?: number;
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

/*
 * Code civil 1342-10: « Le débiteur de plusieurs dettes peut indiquer, lorsqu'il paie, celle qu'il entend
 * acquitter. A défaut d'indication par le débiteur, l'imputation a lieu comme suit : d'abord sur les dettes
 * échues ; parmi celles-ci, sur les dettes que le débiteur avait le plus d'intérêt d'acquitter. A égalité
 * d'intérêt, l'imputation se fait sur la plus ancienne ; toutes choses égales, elle se fait
 * proportionnellement. »
 *
 * What the debtor "had the most interest in paying", made concrete: the debt that costs the debtor the most
 * while it stays unpaid, i.e. the one running the highest annual rate of interest or late penalties on the
 * day of the payment (a contractual penalty rate above ECB + 10 points comes before it; a claim bearing
 * nothing yet, such as a consumer claim before its formal notice, comes after both). The claims of one file
 * carry no other difference the law weighs here (no security, no enforceable title on some and not others:
 * a file under a court title is wholly so). "Oldest" is the earliest due date. Within each claim, Code civil
 * 1343-1 still puts interest (then the €40 indemnity) before principal.
 */

/** Sorting key of an undesignated claim: due before not yet due, highest rate, oldest; ties are a group. */
function rank(claim: ClaimDue, on: string | undefined): [number, number, string] {
  const due = on === undefined || claim.dueOn <= on ? 0 : 1;
  return [due, -(claim.rateBps ?? 0), claim.dueOn];
}

function compareRanks(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

/**
 * The claims in imputation order, as groups: each designated claim alone, in the debtor's order, then the
 * others ranked by Code civil 1342-10 (due first, then the highest rate, then the oldest). Claims equal on
 * every count share a group, which a payment that does not cover them all splits proportionally. `on` is the
 * payment's day (claims due after it are not "échues"); without it every claim counts as due.
 */
export function imputationGroups(
  claims: readonly ClaimDue[],
  designated: readonly string[] = [],
  on?: string,
): ClaimDue[][] {
  const byId = new Map(claims.map((c) => [c.claimId, c]));
  const seen = new Set<string>();
  const groups: ClaimDue[][] = [];
  for (const id of designated) {
    const claim = byId.get(id);
    if (!claim) throw new RangeError(`designated claim ${id} is not one of the file's claims`);
    if (seen.has(id)) throw new RangeError(`claim ${id} is designated twice`);
    seen.add(id);
    groups.push([claim]);
  }
  const rest = claims
    .map((claim, index) => ({ claim, index, key: rank(claim, on) }))
    .filter(({ claim }) => !seen.has(claim.claimId))
    .sort((a, b) => compareRanks(a.key, b.key) || a.index - b.index);
  for (const [n, item] of rest.entries()) {
    const previous = rest[n - 1];
    if (previous && compareRanks(previous.key, item.key) === 0) groups.at(-1)!.push(item.claim);
    else groups.push([item.claim]);
  }
  return groups;
}

/** The claims one after the other in imputation order (see imputationGroups). */
export function imputationOrder(claims: readonly ClaimDue[], designated: readonly string[] = [], on?: string) {
  return imputationGroups(claims, designated, on).flat();
}

const owedOn = (claim: ClaimDue) => PARTS.reduce((sum, [, key]) => sum + Math.max(0, claim[key]), 0);

/**
 * Shares of `cents` for claims owing `owed` each, in proportion, whole cents: each gets its share rounded
 * down, and the cents left over go one by one to the largest remainders (the earlier claim on a tie). Also how a
 * dividend on a declaration common to several files is split between them (lib/insolvency/record-dividend.ts).
 */
export function proportionalShares(cents: number, owed: readonly number[]): number[] {
  const total = owed.reduce((s, o) => s + o, 0);
  if (total === 0) return owed.map(() => 0);
  const exact = owed.map((o) => BigInt(cents) * BigInt(o));
  const shares = exact.map((e) => Number(e / BigInt(total)));
  let left = cents - shares.reduce((s, x) => s + x, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, r: e % BigInt(total) }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

/**
 * Splits a payment over the claims in imputation order (Code civil 1342-10, above): each claim settled
 * interest, then indemnity, then principal (1343-1); a group of claims equal on every count that the payment
 * does not cover wholly gets it in proportion to what each owes. Whatever exceeds everything due is one CREDIT
 * line: an overpayment is held for the debtor, never lost. `on` is the payment's day.
 */
export function allocatePayment(
  amountCents: number,
  claims: readonly ClaimDue[],
  order?: readonly string[],
  on?: string,
): { lines: AllocationLine[] } {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new RangeError(`a payment is a whole number of cents above 0, not ${amountCents}`);
  }
  let left = amountCents;
  const lines: AllocationLine[] = [];
  const settle = (claim: ClaimDue, cents: number) => {
    let budget = cents;
    for (const [part, key] of PARTS) {
      if (budget === 0) break;
      const partCents = Math.min(budget, Math.max(0, claim[key]));
      if (partCents > 0) {
        lines.push({ claimId: claim.claimId, part, cents: partCents });
        budget -= partCents;
      }
    }
    left -= cents - budget;
  };
  for (const group of imputationGroups(claims, order, on)) {
    if (left === 0) break;
    const owed = group.map(owedOn);
    const groupOwed = owed.reduce((s, o) => s + o, 0);
    if (left >= groupOwed) {
      for (const claim of group) settle(claim, owedOn(claim));
      continue;
    }
    const shares = proportionalShares(left, owed);
    for (const [i, claim] of group.entries()) settle(claim, shares[i]!);
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
