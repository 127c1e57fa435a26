import type { FileStatus } from '../db/generated/enums';
import { canReach } from './transitions';

export interface AfterCorrection {
  status: FileStatus;
  /** Claims of the file not cancelled. */
  liveClaims: number;
  /** Everything still owed today (principal, interest, indemnity), in cents. */
  dueCents: number;
  /** Disputes of the file still waiting for an answer. */
  openDisputes: number;
}

/**
 * Where a file stands once a claim is corrected (or a dispute upheld with its correction). Pure.
 * - No claim left (every claim cancelled by a credit note or an upheld dispute): WITHDRAWN. The debt never existed
 *   as placed; nothing was paid on it (a claim with payments is not cancelled), so calling it PAID would count a
 *   cancelled debt as recovered money in the creditor's statement and the recovery rate (DOMAIN.md "Numbers people
 *   read"). docs/decisions/0012-corrections-that-close-a-file.md.
 * - Claims left, but nothing owed on them any more (what was paid covers the corrected amounts): PAID, the decision
 *   "paid in full" of DOMAIN.md: the debtor paid everything it owed.
 * - Otherwise a disputed file whose disputes are all answered goes back to work; any other status stays.
 */
export function statusAfterCorrection(file: AfterCorrection): FileStatus {
  const target: FileStatus =
    file.liveClaims === 0
      ? 'WITHDRAWN'
      : file.dueCents <= 0
        ? 'PAID'
        : file.status === 'DISPUTED' && file.openDisputes === 0
          ? 'IN_PROGRESS'
          : file.status;
  return canReach(file.status, target) ? target : file.status;
}
