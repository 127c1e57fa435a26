import { saveFile } from '../cases/file-store';
import { addDays, addMonths } from '../dates/days';
import { parseInput } from '../errors/zod';
import { openTask } from '../tasks/open-task';
import { withDebtorFile, type DebtorRequest } from './debtor-file';
import { dataRequestSchema } from './schemas';

/**
 * GDPR art. 12(3): the controller answers a data subject's request "without undue delay and in any event within one
 * month of receipt". The task falls due a week before that day, so the answer is prepared in time; the note carries
 * the legal day itself.
 */
export const DATA_REQUEST_MONTHS = 1;
const PREPARE_DAYS = 7;

/**
 * A debtor asks on their page for the personal data the agency holds on them (art. 15) or for its correction
 * (art. 16): a task for the file's agent with the legal deadline, a line on the file's history, an audit entry. The
 * collection itself goes on: a request about data is not a dispute of the debt, and it is answered whatever the
 * mandate's state (it is the agency's own obligation as controller).
 */
export async function requestPersonalData({
  session,
  input,
  ip,
  now = new Date(),
}: DebtorRequest): Promise<{ taskId: string; deadline: string }> {
  const request = parseInput(dataRequestSchema, input);
  return withDebtorFile(session, now, async (tx, file, clock) => {
    const deadline = addMonths(clock.today, DATA_REQUEST_MONTHS);
    const due = new Date(`${addDays(deadline, -PREPARE_DAYS)}T08:00:00Z`);
    const taskId = (await openTask(tx, {
      tenantId: file.tenantId,
      fileId: file.id,
      kind: 'REVIEW',
      dueAt: due,
      assigneeId: file.assigneeId,
      source: 'debtor',
      typedNote: request.text || null,
      ref: { key: 'debtor.dataRequest', values: { request: request.request, receivedOn: clock.today, deadline } },
      createdAt: now,
    }))!;
    await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: null, ip },
        lines: [{ kind: 'debtor.data_requested', details: { request: request.request, deadline, taskId } }],
        audit: {
          action: 'debtor.data_request',
          entity: 'task',
          entityId: taskId,
          details: { request: request.request },
        },
      },
      now,
    );
    return { taskId, deadline };
  });
}
