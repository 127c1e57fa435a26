import { addDays, addMonths, daysBetween } from '../dates/days';
import type { PayoutStatus, RemittanceMode } from '../db/generated/enums';

// Paying the creditors' funds out, as pure rules: when a remittance is due (CPCE R124-6), what a run pays each
// creditor, and who must approve it. No clock, no I/O.

/** The mandate's remittance_deadline_days default: it stands for the law's "one month", counted as a month. */
export const LEGAL_DEADLINE_DAYS = 30;
/** The daily look raises a task and a banner once the oldest funds held are this old (10 days before a month). */
export const ALERT_AFTER_DAYS = 20;

/**
 * The day the funds collected on `encashedOn` must have been remitted by. CPCE R124-6: within one month of their
 * actual encashment, unless the mandate says otherwise — a mandate left at the default (30) gets the calendar
 * month (31 Jan → 28 Feb, as a time limit in months ends), any other figure is the mandate's own delay in days.
 */
export function remittanceDeadline(encashedOn: string, mandateDays: number = LEGAL_DEADLINE_DAYS): string {
  return mandateDays === LEGAL_DEADLINE_DAYS ? addMonths(encashedOn, 1) : addDays(encashedOn, mandateDays);
}

export interface DeadlineView {
  oldestOn: string;
  deadlineOn: string;
  /** Days from today to the deadline: 0 on the day itself, negative once late. */
  daysLeft: number;
  /** Days since the oldest encashment. */
  ageDays: number;
  late: boolean;
  alert: boolean;
}

export function deadlineView(oldestOn: string, mandateDays: number, today: string): DeadlineView {
  const deadlineOn = remittanceDeadline(oldestOn, mandateDays);
  const daysLeft = daysBetween(today, deadlineOn);
  const ageDays = daysBetween(oldestOn, today);
  return { oldestOn, deadlineOn, daysLeft, ageDays, late: daysLeft < 0, alert: ageDays >= ALERT_AFTER_DAYS };
}

/** One payment the agency still holds the money of, as the ledger and the commission table record it. */
export interface HeldPayment {
  paymentId: string;
  creditorId: string;
  fileId: string;
  receivedOn: string;
  /** What the payment owes the creditor (negative for a reversal). */
  grossCents: bigint;
  /** Commission before tax and its VAT charged on it (negative when a reversal took it back). */
  commissionCents: bigint;
  vatCents: bigint;
}

export interface ProposedTransfer {
  creditorId: string;
  mode: RemittanceMode;
  grossCents: bigint;
  commissionCents: bigint;
  vatCents: bigint;
  /** Commission (tax included) taken from the funds: all of it for a NET mandate, none for GROSS (invoiced). */
  settledCents: bigint;
  amountCents: bigint;
  oldestOn: string;
  payments: HeldPayment[];
}

/**
 * What a remittance run pays: per creditor, every payment held, net of its commission or gross as the mandate
 * says. A creditor whose payments add up to nothing to pay (reversals, commission above what came in) waits for
 * the next run with them; so does a creditor the mandate gives no account to pay into (`payable`).
 */
export function proposeTransfers(
  held: readonly HeldPayment[],
  modeOf: (creditorId: string) => RemittanceMode,
  payable: (creditorId: string) => boolean = () => true,
): ProposedTransfer[] {
  const byCreditor = new Map<string, HeldPayment[]>();
  for (const p of held) {
    const list = byCreditor.get(p.creditorId);
    if (list) list.push(p);
    else byCreditor.set(p.creditorId, [p]);
  }
  const transfers: ProposedTransfer[] = [];
  for (const [creditorId, payments] of byCreditor) {
    if (!payable(creditorId)) continue;
    const mode = modeOf(creditorId);
    let grossCents = 0n;
    let commissionCents = 0n;
    let vatCents = 0n;
    let oldestOn = payments[0]!.receivedOn;
    for (const p of payments) {
      grossCents += p.grossCents;
      commissionCents += p.commissionCents;
      vatCents += p.vatCents;
      if (p.receivedOn < oldestOn) oldestOn = p.receivedOn;
    }
    const due = commissionCents + vatCents;
    // Commission handed back (reversals) is never paid out of the funds: it is the invoice's to credit.
    const settledCents = mode === 'NET' && due > 0n ? (due < grossCents ? due : grossCents) : 0n;
    const amountCents = grossCents - settledCents;
    if (amountCents <= 0n) continue;
    transfers.push({
      creditorId,
      mode,
      grossCents,
      commissionCents,
      vatCents,
      settledCents,
      amountCents,
      oldestOn,
      payments,
    });
  }
  return transfers.sort((a, b) => (a.oldestOn < b.oldestOn ? -1 : a.oldestOn > b.oldestOn ? 1 : 0));
}

export function needsSecondApproval(totalCents: bigint, thresholdCents: bigint | null): boolean {
  return thresholdCents !== null && totalCents >= thresholdCents;
}

export type ApprovalStep =
  { ok: true; next: 'APPROVED' | 'AWAITING_SECOND_APPROVAL' } | { ok: false; reason: 'notPending' | 'sameApprover' };

/**
 * The run's state machine. A proposed run is approved by a manager; one above the agency's threshold then waits
 * for a second manager, who must be another person than the first (whoever proposed it may approve it once).
 */
export function approvalStep(
  run: { status: PayoutStatus; needsSecondApproval: boolean; approvedBy: string | null },
  approver: string | null,
): ApprovalStep {
  if (run.status === 'PROPOSED') {
    return { ok: true, next: run.needsSecondApproval ? 'AWAITING_SECOND_APPROVAL' : 'APPROVED' };
  }
  if (run.status === 'AWAITING_SECOND_APPROVAL') {
    if (approver === null || approver === run.approvedBy) return { ok: false, reason: 'sameApprover' };
    return { ok: true, next: 'APPROVED' };
  }
  return { ok: false, reason: 'notPending' };
}

export function canCancel(status: PayoutStatus): boolean {
  return status === 'PROPOSED' || status === 'AWAITING_SECOND_APPROVAL';
}
