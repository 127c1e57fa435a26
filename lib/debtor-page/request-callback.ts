import { saveFile, refuse } from '../cases/file-store';
import { windowRefusal } from '../compliance/contact-window';
import { parseInput } from '../errors/zod';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import { loadStepFacts } from '../scenarios/step-facts';
import { openTask } from '../tasks/open-task';
import { withDebtorFile, type DebtorRequest } from './debtor-file';
import { callbackRequestSchema, DEBTOR_PAGE_MESSAGES as M } from './schemas';

/**
 * A debtor asks to be called back at a time of their choosing, inside the hours the agency may call them (their
 * own clock and holidays, lib/compliance/debtor-area.ts): a callback task for the file's agent.
 */
export async function requestCallback({
  session,
  input,
  ip,
  now = new Date(),
}: DebtorRequest): Promise<{ taskId: string }> {
  return withDebtorFile(session, now, async (tx, file, clock) => {
    const request = parseInput(callbackRequestSchema(clock), input);
    // The agency answers a debtor only under its creditor's mandate in force (CPCE R124-3), as an agent would.
    await requireMandateForAction(tx, { tenantId: file.tenantId, creditorId: file.creditorId, today: clock.today });
    const facts = await loadStepFacts(tx, file.tenantId, file.id, now);
    if (facts && windowRefusal(request.at, 'CALL', facts.contactWindow)) throw refuse('at', M.callbackWindow);
    const taskId = (await openTask(tx, {
      tenantId: file.tenantId,
      fileId: file.id,
      kind: 'CALLBACK',
      dueAt: request.at,
      assigneeId: file.assigneeId,
      source: 'debtor',
      typedNote: request.text || null,
      createdAt: now,
    }))!;
    await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: null, ip },
        lines: [{ kind: 'debtor.callback_requested', details: { callbackAt: request.at.toISOString(), taskId } }],
        audit: { action: 'debtor.callback', entity: 'task', entityId: taskId },
      },
      now,
    );
    return { taskId };
  });
}
