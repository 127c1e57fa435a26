import { canReach } from '../cases/transitions';
import { refuse, saveFile } from '../cases/file-store';
import { parseInput } from '../errors/zod';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import { replacePromise } from '../payments/promises';
import { amountsOfFile } from '../payments/file-amounts';
import { onFileEvent } from '../scenarios/on-file-event';
import { withDebtorFile, type DebtorRequest } from './debtor-file';
import { DEBTOR_PAGE_MESSAGES as M, debtorPromiseSchema } from './schemas';

/**
 * A debtor promises to pay an amount by a day (within the horizon an agent may accept): it replaces any pending
 * promise, and the scenario waits for that day as it does for a promise made on the phone.
 */
export async function recordDebtorPromise({
  session,
  input,
  ip,
  now = new Date(),
}: DebtorRequest): Promise<{ promiseId: string }> {
  return withDebtorFile(session, now, async (tx, file, clock) => {
    const promise = parseInput(debtorPromiseSchema(clock), input);
    // The agency answers a debtor only under its creditor's mandate in force (CPCE R124-3), as an agent would.
    await requireMandateForAction(tx, { tenantId: file.tenantId, creditorId: file.creditorId, today: clock.today });
    // L622-21 / L722-2: under collective or over-indebtedness proceedings the agency asks for nothing.
    if (file.status === 'SUSPENDED') throw refuse('dueOn', M.suspended);
    const full = await tx.caseFile.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: file.tenantId, id: file.id } },
    });
    const { totals } = await amountsOfFile(tx, full, clock.today);
    if (promise.amount > totals.dueCents) throw refuse('amount', M.amountAboveDue);
    const { promiseId, supersededPromiseIds } = await replacePromise(tx, {
      tenantId: file.tenantId,
      fileId: file.id,
      amountCents: promise.amount,
      dueOn: promise.dueOn,
      createdBy: null,
      now,
    });
    const statusFrom = file.status;
    const statusTo = canReach(file.status, 'PROMISE') ? 'PROMISE' : file.status;
    await saveFile(
      tx,
      file,
      { status: statusTo },
      {
        by: { membershipId: null, ip },
        lines: [
          {
            kind: 'debtor.promised',
            details: {
              amountCents: promise.amount,
              dueOn: promise.dueOn,
              currency: file.currency,
              supersededPromiseIds,
              statusFrom,
              statusTo,
            },
          },
        ],
        audit: { action: 'debtor.promise', entity: 'promise', entityId: promiseId },
      },
      now,
    );
    await onFileEvent(tx, file.tenantId, file.id, 'PROMISE', now);
    return { promiseId };
  });
}
