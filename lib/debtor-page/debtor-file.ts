import { agencyClock, type AgencyClock } from '../dates/agency-clock';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { lockFile, type LockedFile } from '../cases/file-store';
import { refreshFiles } from '../workqueue/refresh';
import { linkedFile } from './queries';
import type { DebtorSession } from './rules';

/** What every request from the debtor's page carries: the session, the raw form input, where it came from, when. */
export interface DebtorRequest {
  session: DebtorSession;
  input: unknown;
  ip?: string;
  now?: Date;
}

/**
 * What a debtor does on their page runs on the one file their link opens, locked like an agent's change, inside
 * that agency's walls; a session whose link was revoked, expired or whose file closed meanwhile finds nothing.
 */
export async function withDebtorFile<T>(
  session: DebtorSession,
  now: Date,
  work: (tx: Tx, file: LockedFile, clock: AgencyClock) => Promise<T>,
): Promise<T> {
  return inTenant({ tenantId: session.tenantId }, async (tx) => {
    const found = await linkedFile(tx, session, now);
    if (!found) throw AppError.notFound();
    const file = await lockFile(tx, { tenantId: session.tenantId, creditorId: null }, found.file.id);
    const clock = await agencyClock(tx, session.tenantId, now);
    const result = await work(tx, file, clock);
    await refreshFiles(tx, session.tenantId, [file.id], clock.today);
    return result;
  });
}
