import type { DeclarationStatus } from '../db/generated/enums';
import { proportionalShares } from '../payments/allocation';

// What may follow a filed declaration, and what it admits. Pure.

/** What the juge-commissaire (or the mandataire, contesting) can say of a declaration. */
export const DECISIONS = ['ADMITTED', 'PART_ADMITTED', 'CONTESTED', 'REJECTED'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * A filed declaration may be admitted, partly admitted, contested or rejected; a contested one (the mandataire's
 * discussion, L622-27) is then admitted in full or in part, or rejected. Admission and rejection end the verification
 * here: an appeal is the lawyer's, outside the file.
 */
export function canDecide(from: DeclarationStatus, to: Decision): boolean {
  if (from === 'FILED') return true;
  return from === 'CONTESTED' && to !== 'CONTESTED';
}

/** The amount admitted: the whole declaration, or the part given, which must be less than what was declared. */
export function admittedCents(
  outcome: Decision,
  declaredCents: number,
  given: number | undefined,
): { ok: true; cents: number | null } | { ok: false } {
  if (outcome === 'ADMITTED') return { ok: true, cents: declaredCents };
  if (outcome !== 'PART_ADMITTED') return { ok: true, cents: null };
  if (given === undefined || given <= 0 || given >= declaredCents) return { ok: false };
  return { ok: true, cents: given };
}

/** Dividends are paid on what was admitted: never more in total. */
export function dividendFits(admitted: number | null, paidSoFar: number, amount: number): boolean {
  return admitted !== null && paidSoFar + amount <= admitted;
}

/**
 * Splits a dividend over the files a declaration covers (decision 0021): in proportion to what each file declared
 * (its claim_declaration_file amount), whole cents rounded down, the cents left over to the largest remainders, the
 * file with the smaller id on a tie. The mandataire pays on the declaration as a whole; each file's creditor
 * statement, commission and balance must carry its own part of it.
 */
export function dividendShares(
  amountCents: number,
  files: readonly { fileId: string; declaredCents: number }[],
): { fileId: string; amountCents: number }[] {
  const ordered = [...files].sort((a, b) => (a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0));
  const cents = proportionalShares(
    amountCents,
    ordered.map((f) => f.declaredCents),
  );
  return ordered.map((f, i) => ({ fileId: f.fileId, amountCents: cents[i]! })).filter((s) => s.amountCents > 0);
}
