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

export function isClosed(status: FileStatus): boolean {
  return STATUS_PHASE[status] === 'CLOSED';
}

/** Whole days between the oldest due date and `today` (both UTC dates); 0 when not yet due. */
export function daysPastDue(oldestDueOn: Date | null, today: Date): number {
  if (!oldestDueOn) return 0;
  const ms = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - oldestDueOn.getTime();
  return Math.max(0, Math.floor(ms / 86_400_000));
}
