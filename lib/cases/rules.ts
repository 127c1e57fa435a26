import type { FilePhase, FileStatus } from '../db/generated/enums';

/** Phase each status belongs to. The one definition of where a file stands (ARCHITECTURE.md rule 3). */
export const STATUS_PHASE: Record<FileStatus, FilePhase> = {
  NEW: 'INTAKE',
  IN_PROGRESS: 'AMICABLE',
  PROMISE: 'AMICABLE',
  PAYMENT_PLAN: 'AMICABLE',
  DISPUTED: 'AMICABLE',
  SUSPENDED: 'AMICABLE',
  AWAITING_JUDICIAL: 'JUDICIAL',
  PAID: 'CLOSED',
  IRRECOVERABLE: 'CLOSED',
  WITHDRAWN: 'CLOSED',
};

const OPEN_AMICABLE: FileStatus[] = ['IN_PROGRESS', 'PROMISE', 'PAYMENT_PLAN', 'DISPUTED', 'SUSPENDED'];
const CLOSING: FileStatus[] = ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'];

/**
 * Allowed status changes. A closed file stays closed: reopening is a new placement — except a file closed
 * as PAID whose payment is reversed (a bounced cheque): the debt was never settled, so it reopens.
 */
export const TRANSITIONS: Record<FileStatus, readonly FileStatus[]> = {
  // A debtor may agree a payment plan on the very first contact.
  NEW: ['IN_PROGRESS', 'PAYMENT_PLAN', 'DISPUTED', 'SUSPENDED', ...CLOSING],
  IN_PROGRESS: [...OPEN_AMICABLE.filter((s) => s !== 'IN_PROGRESS'), 'AWAITING_JUDICIAL', ...CLOSING],
  PROMISE: ['IN_PROGRESS', 'PAYMENT_PLAN', 'DISPUTED', 'SUSPENDED', ...CLOSING],
  PAYMENT_PLAN: ['IN_PROGRESS', 'DISPUTED', 'SUSPENDED', ...CLOSING],
  DISPUTED: ['IN_PROGRESS', 'SUSPENDED', ...CLOSING],
  SUSPENDED: ['IN_PROGRESS', ...CLOSING],
  AWAITING_JUDICIAL: ['IN_PROGRESS', 'PAYMENT_PLAN', 'SUSPENDED', ...CLOSING],
  PAID: ['IN_PROGRESS', 'PAYMENT_PLAN'],
  IRRECOVERABLE: [],
  WITHDRAWN: [],
};

export function canTransition(from: FileStatus, to: FileStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isClosed(status: FileStatus): boolean {
  return STATUS_PHASE[status] === 'CLOSED';
}

/** Whole days between the oldest due date and `today` (both UTC dates); 0 when not yet due. */
export function daysPastDue(oldestDueOn: Date | null, today: Date): number {
  if (!oldestDueOn) return 0;
  const ms = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - oldestDueOn.getTime();
  return Math.max(0, Math.floor(ms / 86_400_000));
}
