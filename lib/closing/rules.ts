import type { FileStatus, Role } from '../db/generated/enums';
import { isClosed } from '../cases/rules';
import { transition, type TransitionRefusal } from '../cases/transitions';
import { CLOSING_REASONS, REOPEN_REASONS, type ClosingReason, type ReopenReason } from '../history/kinds';

// Closing a file (issue 16): a reason from a fixed list, the status it leads to, when it may be chosen, and when a
// manager must approve it. Pure: the use-cases read the facts and ask here.

// The codes themselves live with the history that stores them (lib/history/kinds.ts), which cannot depend on us.
export { CLOSING_REASONS, REOPEN_REASONS, type ClosingReason, type ReopenReason } from '../history/kinds';

/** The reasons a creditor's list or the end of a mandate closes files for (bulk closing). */
export const BULK_REASONS = ['WITHDRAWN', 'MANDATE_ENDED'] as const satisfies readonly ClosingReason[];
export type BulkReason = (typeof BULK_REASONS)[number];

export type ReasonFamily = 'PAID' | 'IRRECOVERABLE' | 'WITHDRAWN';

/**
 * Where each reason takes the file. A settlement for less is PAID: the creditor agreed in writing that what was paid
 * settles the debt, so nothing is owed any more and the money counts as recovered; the rest is not an unpaid debt
 * the debtor could not pay (IRRECOVERABLE) nor a claim taken back (WITHDRAWN). Returning files at the end of the
 * mandate is the creditor taking them back: WITHDRAWN, as decision 0012 uses it.
 */
export const CLOSING_STATUS: Record<ClosingReason, FileStatus & ReasonFamily> = {
  PAID: 'PAID',
  SETTLED: 'PAID',
  PLAN_COMPLETED: 'PAID',
  INSOLVENCY_NO_ASSETS: 'IRRECOVERABLE',
  DECEASED_NO_ESTATE: 'IRRECOVERABLE',
  UNTRACEABLE: 'IRRECOVERABLE',
  TIME_BARRED: 'IRRECOVERABLE',
  UNECONOMIC: 'IRRECOVERABLE',
  WITHDRAWN: 'WITHDRAWN',
  MANDATE_ENDED: 'WITHDRAWN',
};

/**
 * The reasons whose evidence is a document: the creditor's written agreement to the settlement, the judgment closing
 * the insolvency for lack of assets, the death certificate or the notary's letter on the estate.
 */
export const EVIDENCE_REQUIRED: readonly ClosingReason[] = ['SETTLED', 'INSOLVENCY_NO_ASSETS', 'DECEASED_NO_ESTATE'];

/** The reasons that must say why in words (what searches were made; why pursuing costs more than it brings). */
export const NOTE_REQUIRED: readonly ClosingReason[] = ['UNTRACEABLE', 'UNECONOMIC'];

export type ClosingRefusal =
  /** The file is closed already (reopen it first). */
  | 'ALREADY_CLOSED'
  /** Paid: something is still owed. */
  | 'STILL_OWED'
  /** A write-off or a settlement on a file that owes nothing: it is paid. */
  | 'NOTHING_OWED'
  /** A settlement for less needs money received. */
  | 'NOTHING_COLLECTED'
  /** Plan completed: the file's last plan is not completed. */
  | 'NO_COMPLETED_PLAN'
  /** Time-barred: the claims' limitation date has not passed (or is suspended). */
  | 'NOT_TIME_BARRED'
  /** A disputed claim is answered before it is called irrecoverable: the debtor may not owe it. */
  | 'DISPUTE_OPEN'
  | 'EVIDENCE_REQUIRED'
  | 'NOTE_REQUIRED'
  /** Another decision on the file waits for a manager. */
  | 'PENDING_DECISION'
  /** A payment plan in force or awaiting the creditor is cancelled or withdrawn first: the debtor is keeping to it. */
  | 'PLAN_ACTIVE';

export interface ClosingFacts {
  status: FileStatus;
  reason: ClosingReason;
  /** Everything the file owes today (principal, interest, indemnity), in cents. */
  owedCents: number;
  collectedCents: number;
  hasEvidence: boolean;
  hasNote: boolean;
  /** The last day of the claims' limitation (YYYY-MM-DD), null when suspended or unknown. */
  limitationOn: string | null;
  /** The agency's today, YYYY-MM-DD. */
  today: string;
  lastPlanCompleted: boolean;
  /** A plan ACTIVE or AWAITING_APPROVAL on the file. */
  planActive: boolean;
  pendingDecision: boolean;
}

/** Why this closing may not be decided, or null when it may. The checks run in the order a person would fix them. */
export function closingRefusal(f: ClosingFacts): ClosingRefusal | TransitionRefusal | null {
  if (isClosed(f.status)) return 'ALREADY_CLOSED';
  if (f.pendingDecision) return 'PENDING_DECISION';
  const to = CLOSING_STATUS[f.reason];
  const move = transition(f.status, to);
  if (move.kind === 'REFUSED') return move.reason;
  if (f.status === 'DISPUTED' && to === 'IRRECOVERABLE') return 'DISPUTE_OPEN';
  if (f.planActive) return 'PLAN_ACTIVE';
  switch (f.reason) {
    case 'PAID':
      if (f.owedCents > 0) return 'STILL_OWED';
      break;
    case 'PLAN_COMPLETED':
      if (!f.lastPlanCompleted) return 'NO_COMPLETED_PLAN';
      break;
    case 'SETTLED':
      if (f.owedCents <= 0) return 'NOTHING_OWED';
      if (f.collectedCents <= 0) return 'NOTHING_COLLECTED';
      break;
    case 'TIME_BARRED':
      if (f.limitationOn === null || f.limitationOn >= f.today) return 'NOT_TIME_BARRED';
      break;
    default:
      if (to === 'IRRECOVERABLE' && f.owedCents <= 0) return 'NOTHING_OWED';
  }
  if (EVIDENCE_REQUIRED.includes(f.reason) && !f.hasEvidence) return 'EVIDENCE_REQUIRED';
  if (NOTE_REQUIRED.includes(f.reason) && !f.hasNote) return 'NOTE_REQUIRED';
  return null;
}

/** The approval threshold of an agency that has not set its own: 1,000 €. */
export const DEFAULT_APPROVAL_THRESHOLD_CENTS = 100_000;

/**
 * An agent's closing that writes off more than the agency's threshold waits for a manager; a manager's or an admin's
 * closes at once, and so does one that writes nothing off (a paid file). The threshold is inclusive: at it, no wait.
 */
export function needsApproval(role: Role, writtenOffCents: number, thresholdCents: number): boolean {
  return role === 'AGENT' && writtenOffCents > thresholdCents;
}

/** What a closing writes off: what is owed, unless the file closes paid for the whole of it. */
export function writtenOff(reason: ClosingReason, owedCents: number): number {
  return reason === 'PAID' ? 0 : Math.max(0, owedCents);
}

/**
 * A closed file goes back to work (IN_PROGRESS) when the transition table lets it: an irrecoverable file whose debtor
 * is found again or pays. A withdrawn file is closed for good (the creditor took it back: a new placement), and a
 * paid one reopens only on a reversed payment (lib/payments/reverse-payment.ts). Null when it may.
 */
export function reopenRefusal(status: FileStatus): TransitionRefusal | 'NOT_CLOSED' | null {
  if (!isClosed(status)) return 'NOT_CLOSED';
  // The table lets a paid file move back to work for its reversed payment only (lib/payments/reverse-payment.ts).
  if (status === 'PAID') return 'PAID_REOPENS_ONLY_ON_REVERSAL';
  const move = transition(status, 'IN_PROGRESS');
  return move.kind === 'REFUSED' ? move.reason : null;
}

/**
 * The reasons that may reopen a file closed for each reason that may be reopened (decision 0014: the irrecoverable
 * ones; a paid file reopens on a reversed payment, a withdrawn one never). A payment reopens any of them; otherwise
 * what reopens a file is what undoes its closing: the untraceable debtor found, the insolvency's assets found, an
 * estate after all, a time-barred debt acknowledged by its debtor (C. civ. 2250-2251), an uneconomic file whose
 * debtor is found or has assets now.
 */
export const REOPENS_FOR: Partial<Record<ClosingReason, readonly ReopenReason[]>> = {
  INSOLVENCY_NO_ASSETS: ['NEW_PAYMENT', 'NEW_ASSETS'],
  DECEASED_NO_ESTATE: ['NEW_PAYMENT', 'ESTATE_FOUND'],
  UNTRACEABLE: ['NEW_PAYMENT', 'DEBTOR_FOUND'],
  TIME_BARRED: ['NEW_PAYMENT', 'DEBT_ACKNOWLEDGED'],
  UNECONOMIC: ['NEW_PAYMENT', 'DEBTOR_FOUND', 'NEW_ASSETS'],
};

/**
 * The reopening reasons a file closed for `closedFor` offers; every reason when no closing decision is on record (a
 * file closed before decisions were kept, or by the demo data).
 */
export function reopenReasonsFor(closedFor: ClosingReason | null): readonly ReopenReason[] {
  return closedFor === null ? REOPEN_REASONS : (REOPENS_FOR[closedFor] ?? []);
}

/** The certificate of irrecoverability (CGI art. 272) is for a business creditor's VAT on a B2B invoice. */
export function certifiesVat(reason: ClosingReason, nature: string): boolean {
  return CLOSING_STATUS[reason] === 'IRRECOVERABLE' && nature === 'B2B';
}

/**
 * An amount including VAT split into its tax-exclusive base and its VAT at `rateBps` (2000 = 20 %), to the cent:
 * the base is rounded, the VAT is the rest, so base + VAT is always the amount.
 */
export function splitVat(inclusiveCents: number, rateBps: number): { htCents: number; vatCents: number } {
  const htCents = Math.round((inclusiveCents * 10_000) / (10_000 + rateBps));
  return { htCents, vatCents: inclusiveCents - htCents };
}

/** One count of decided closings: a month (YYYY-MM, the agency's calendar), a creditor and a reason. */
export interface ReasonCount {
  month: string;
  creditorId: string;
  creditorName: string;
  reason: ClosingReason;
  closings: number;
}

export interface ReasonsChart {
  /** The months shown, oldest first, every one of them (a month without closings is a row of zeros). */
  months: { month: string; counts: Partial<Record<ClosingReason, number>>; total: number }[];
  /** Per creditor, over the months shown, largest first. */
  creditors: { creditorId: string; name: string; counts: Partial<Record<ClosingReason, number>>; total: number }[];
  /** The reasons that occur, in the fixed list's order (the chart's series). */
  reasons: ClosingReason[];
}

/** The `count` months ending with the one of `today` (YYYY-MM), oldest first. */
export function lastMonths(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const m = year * 12 + month - (count - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** The counts shaped for the chart (a bar per month, stacked by reason) and its table (creditors by reason). */
export function reasonsChart(rows: readonly ReasonCount[], months: readonly string[]): ReasonsChart {
  const byMonth = new Map(
    months.map((m) => [m, { month: m, counts: {} as Partial<Record<ClosingReason, number>>, total: 0 }]),
  );
  const byCreditor = new Map<string, ReasonsChart['creditors'][number]>();
  const seen = new Set<ClosingReason>();
  for (const r of rows) {
    const month = byMonth.get(r.month);
    if (!month) continue;
    month.counts[r.reason] = (month.counts[r.reason] ?? 0) + r.closings;
    month.total += r.closings;
    const creditor =
      byCreditor.get(r.creditorId) ??
      byCreditor
        .set(r.creditorId, { creditorId: r.creditorId, name: r.creditorName, counts: {}, total: 0 })
        .get(r.creditorId)!;
    creditor.counts[r.reason] = (creditor.counts[r.reason] ?? 0) + r.closings;
    creditor.total += r.closings;
    seen.add(r.reason);
  }
  return {
    months: [...byMonth.values()],
    creditors: [...byCreditor.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    reasons: CLOSING_REASONS.filter((r) => seen.has(r)),
  };
}
