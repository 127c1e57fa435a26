import type { InvoiceLine } from './schemas';

// What a remittance transfer invoices, as pure rules. Each payment it paid out carries the commission charged on
// it (positive) or taken back by a reversal (negative). The positive ones are the invoice's lines; the negative ones
// a credit note's, naming the payment they reverse; a payment and its own reversal in the same transfer cancel and
// appear on neither (nothing was billed, nothing is taken back).

export interface TransferItem {
  paymentId: string;
  /** The payment a reversal reverses; null for a payment. */
  reversesId: string | null;
  fileReference: string;
  debtor: string;
  receivedOn: string;
  baseCents: bigint;
  rateBps: number;
  feeCents: bigint;
  commissionCents: bigint;
  vatRateBps: number;
  vatCents: bigint;
}

export interface InvoiceDraft {
  lines: InvoiceLine[];
  netCents: bigint;
  vatCents: bigint;
  totalCents: bigint;
  periodFrom: string;
  periodTo: string;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

function draftOf(items: readonly TransferItem[]): InvoiceDraft | null {
  if (items.length === 0) return null;
  const lines = [...items]
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.fileReference.localeCompare(b.fileReference))
    .map((i): InvoiceLine => ({
      paymentId: i.paymentId,
      fileReference: i.fileReference,
      debtor: i.debtor,
      receivedOn: i.receivedOn,
      baseCents: Number(abs(i.baseCents)),
      rateBps: i.rateBps,
      feeCents: Number(abs(i.feeCents)),
      commissionCents: Number(abs(i.commissionCents)),
      vatRateBps: i.vatRateBps,
      vatCents: Number(abs(i.vatCents)),
      ...(i.reversesId ? { reversesPaymentId: i.reversesId } : {}),
    }));
  const netCents = lines.reduce((s, l) => s + BigInt(l.commissionCents), 0n);
  const vatCents = lines.reduce((s, l) => s + BigInt(l.vatCents), 0n);
  return {
    lines,
    netCents,
    vatCents,
    totalCents: netCents + vatCents,
    periodFrom: lines[0]!.receivedOn,
    periodTo: lines.reduce((d, l) => (l.receivedOn > d ? l.receivedOn : d), lines[0]!.receivedOn),
  };
}

/** The invoice and the credit note one transfer calls for (either may be null). */
export function transferDocuments(items: readonly TransferItem[]): {
  invoice: InvoiceDraft | null;
  creditNote: InvoiceDraft | null;
} {
  const reversedHere = new Set(items.flatMap((i) => (i.reversesId ? [i.reversesId] : [])));
  const here = new Set(items.map((i) => i.paymentId));
  const kept = items.filter(
    (i) => i.commissionCents !== 0n && !reversedHere.has(i.paymentId) && !(i.reversesId && here.has(i.reversesId)),
  );
  return {
    invoice: draftOf(kept.filter((i) => i.commissionCents > 0n)),
    creditNote: draftOf(kept.filter((i) => i.commissionCents < 0n)),
  };
}

/** The VAT of a document per rate, as its totals print it: the taxable amount and the tax at each rate. */
export function vatBreakdown(
  lines: readonly InvoiceLine[],
): { rateBps: number; baseCents: number; vatCents: number }[] {
  const byRate = new Map<number, { baseCents: number; vatCents: number }>();
  for (const l of lines) {
    const r = byRate.get(l.vatRateBps) ?? { baseCents: 0, vatCents: 0 };
    r.baseCents += l.commissionCents;
    r.vatCents += l.vatCents;
    byRate.set(l.vatRateBps, r);
  }
  return [...byRate].sort(([a], [b]) => b - a).map(([rateBps, r]) => ({ rateBps, ...r }));
}

/** The number as printed: the agency's one sequence, six digits at least. */
export function invoiceNumberText(number: number): string {
  return String(number).padStart(6, '0');
}
