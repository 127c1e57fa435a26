import type { FileStatus } from '../db/generated/enums';

// The state machine of a file's status, as data: for each status, where it may go, and why it may go nowhere
// else. Every status change of a file goes through it (lib/cases/file-store.ts); the phase follows the status
// (STATUS_PHASE in ./rules). A change lands in one step: a file that "passes through" IN_PROGRESS on its way
// (a new file's first promise) is written once, with its final status.

export type TransitionRefusal =
  /** Intake is where a file starts; no file goes back to it. */
  | 'NO_RETURN_TO_NEW'
  /** Withdrawn: closed for good, reopening is a new placement; an irrecoverable file only goes back to work. */
  | 'CLOSED_FOR_GOOD'
  /** A paid file reopens only when the money is reversed (a bounced cheque): back to work or to its plan. */
  | 'PAID_REOPENS_ONLY_ON_REVERSAL'
  /** A plan in force is the debtor's commitment: a promise would stand beside it. */
  | 'PLAN_IN_FORCE'
  /** A disputed claim is not collected on: the dispute is answered first (back to IN_PROGRESS). */
  | 'DISPUTE_OPEN'
  /** A suspended file is resumed (IN_PROGRESS) before anything else happens to it. */
  | 'SUSPENDED'
  /** Awaiting the judicial phase, a file takes no promise and no dispute: it comes back to the agents first. */
  | 'JUDICIAL_PHASE';

const CLOSING: FileStatus[] = ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'];

/** For each status: the statuses it may move to, and the reason every other move is refused. */
export const TRANSITIONS: Record<FileStatus, { to: readonly FileStatus[]; otherwise: TransitionRefusal }> = {
  // A debtor may agree a payment plan on the very first contact; a new file's first promise or escalation starts
  // its amicable phase on the way (NEW → IN_PROGRESS → …).
  NEW: {
    to: ['IN_PROGRESS', 'PROMISE', 'PAYMENT_PLAN', 'DISPUTED', 'SUSPENDED', 'AWAITING_JUDICIAL', ...CLOSING],
    otherwise: 'NO_RETURN_TO_NEW',
  },
  IN_PROGRESS: {
    to: ['PROMISE', 'PAYMENT_PLAN', 'DISPUTED', 'SUSPENDED', 'AWAITING_JUDICIAL', ...CLOSING],
    otherwise: 'NO_RETURN_TO_NEW',
  },
  // A broken promise or a plan gone late may end in escalation (the scenario engine's last step).
  PROMISE: {
    to: ['IN_PROGRESS', 'PAYMENT_PLAN', 'DISPUTED', 'SUSPENDED', 'AWAITING_JUDICIAL', ...CLOSING],
    otherwise: 'NO_RETURN_TO_NEW',
  },
  PAYMENT_PLAN: {
    to: ['IN_PROGRESS', 'DISPUTED', 'SUSPENDED', 'AWAITING_JUDICIAL', ...CLOSING],
    otherwise: 'PLAN_IN_FORCE',
  },
  DISPUTED: { to: ['IN_PROGRESS', 'SUSPENDED', ...CLOSING], otherwise: 'DISPUTE_OPEN' },
  SUSPENDED: { to: ['IN_PROGRESS', ...CLOSING], otherwise: 'SUSPENDED' },
  AWAITING_JUDICIAL: { to: ['IN_PROGRESS', 'PAYMENT_PLAN', 'SUSPENDED', ...CLOSING], otherwise: 'JUDICIAL_PHASE' },
  PAID: { to: ['IN_PROGRESS', 'PAYMENT_PLAN'], otherwise: 'PAID_REOPENS_ONLY_ON_REVERSAL' },
  // Issue 16: an irrecoverable file reopens when its debtor is found again or pays (lib/closing/reopen-file.ts).
  IRRECOVERABLE: { to: ['IN_PROGRESS'], otherwise: 'CLOSED_FOR_GOOD' },
  WITHDRAWN: { to: [], otherwise: 'CLOSED_FOR_GOOD' },
};

export type Transition = { kind: 'STAY' } | { kind: 'MOVE' } | { kind: 'REFUSED'; reason: TransitionRefusal };

/** What asking a file in `from` to be in `to` means: nothing to do, a move, or a refusal with its reason. */
export function transition(from: FileStatus, to: FileStatus): Transition {
  if (from === to) return { kind: 'STAY' };
  const row = TRANSITIONS[from];
  if (row.to.includes(to)) return { kind: 'MOVE' };
  if (to === 'NEW') return { kind: 'REFUSED', reason: 'NO_RETURN_TO_NEW' };
  return { kind: 'REFUSED', reason: row.otherwise };
}

/** True when a file in `from` may end up in `to` (already being there included). */
export function canReach(from: FileStatus, to: FileStatus): boolean {
  return transition(from, to).kind !== 'REFUSED';
}

/** The statuses from which a file may move to `to` (for set-based moves that filter in SQL). */
export function statusesMovingTo(to: FileStatus): FileStatus[] {
  return (Object.keys(TRANSITIONS) as FileStatus[]).filter((from) => transition(from, to).kind === 'MOVE');
}
