import { isClosed } from '../cases/rules';
import type { ContactKind, FileStatus, TaskKind } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { agencyClock, type AgencyClock } from '../dates/agency-clock';
import { addDays } from '../dates/days';
import { lockFile, refuse, saveFile } from '../cases/file-store';
import { startOfDayIn } from '../compliance/zoned-time';
import { canReach } from '../cases/transitions';
import { openDispute } from './open-dispute';
import { ACTIVITY_MESSAGES as M, contactLogSchema, type Channel, type ContactLog } from './schemas';
import { contactPointValue } from '../cases/contact-point-line';
import { onFileEvent } from '../scenarios/on-file-event';
import { loadStepFacts } from '../scenarios/step-facts';
import { capCheck } from '../compliance/caps';
import { windowRefusal, type ContactChannel, type WindowRefusal } from '../compliance/contact-window';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import { openTask } from '../tasks/open-task';
import { replacePromise } from '../payments/promises';

const POINT_KIND: Record<Channel, ContactKind | null> = { CALL: 'PHONE', EMAIL: 'EMAIL', VISIT: 'ADDRESS', NOTE: null };
/** The open tasks a contact of this kind fulfils. */
const TASKS_DONE_BY: Record<Channel, TaskKind[]> = {
  CALL: ['CALL', 'CALLBACK'],
  VISIT: ['VISIT'],
  EMAIL: [],
  NOTE: [],
};

export interface LogContactOptions {
  actor: Actor;
  /** A contact log entry (lib/activity/schemas.ts contactLogSchema), with the file id and the version read. */
  input: unknown;
  ip?: string;
}

export interface LogContactResult {
  fileId: string;
  version: number;
  status: FileStatus;
  activityId: string;
  promiseId: string | null;
  taskId: string | null;
  disputeId: string | null;
  closedTaskIds: string[];
}

const REFUSAL_MESSAGE: Record<WindowRefusal, string> = {
  SUNDAY: M.callbackSunday,
  PUBLIC_HOLIDAY: M.callbackHoliday,
  NO_HOURS_THAT_DAY: M.callbackNoHours,
  OUTSIDE_HOURS: M.callbackHours,
};
const ATTEMPT: Partial<Record<Channel, ContactChannel>> = { CALL: 'CALL', EMAIL: 'EMAIL', VISIT: 'VISIT' };

/**
 * A callback is a call the agency commits to make: it obeys the rules the scenario engine's calls obey — the
 * agency's contact window on the debtor's clock and calendar (an overseas debtor's hours and public holidays,
 * lib/compliance/debtor-area.ts), and the weekly caps per channel and across channels, counting the contact
 * being logged now. Read from the same facts the engine reads (lib/scenarios/step-facts.ts).
 */
async function checkCallback(tx: Tx, tenantId: string, fileId: string, channel: Channel, at: Date, now: Date) {
  const facts = await loadStepFacts(tx, tenantId, fileId, now);
  if (!facts) return;
  const refusal = windowRefusal(at, 'CALL', facts.contactWindow);
  if (refusal) throw refuse('outcome.at', REFUSAL_MESSAGE[refusal]);
  const attempt = ATTEMPT[channel];
  const history = attempt ? [...facts.history, { channel: attempt, at: now }] : facts.history;
  if (!capCheck(history, 'CALL', at, facts.agency.caps).ok) throw refuse('outcome.at', M.callbackCap);
}

/**
 * Logs a call, e-mail, visit or note on a file, and takes the next step its outcome calls for: a promise, a
 * callback task, a dispute (which pauses the scenario) or a number marked wrong. A contact fulfils the agent's
 * call tasks due on the file today.
 */
export async function logContact({ actor, input, ip }: LogContactOptions): Promise<LogContactResult> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const log = parseInput(contactLogSchema(clock), input);
    const file = await lockFile(tx, actor, log.fileId, log.expectedVersion, clock);
    const { outcome } = log;
    const statusFrom = file.status;

    if (isClosed(file.status) && (log.channel !== 'NOTE' || outcome.type !== 'NONE'))
      throw refuse('channel', M.fileClosed);
    // A contact on the creditor's behalf needs its mandate in force (CPCE R124-3); a note only records.
    if (log.channel !== 'NOTE' || outcome.type !== 'NONE')
      await requireMandateForAction(tx, { tenantId: actor.tenantId, creditorId: file.creditorId, today: clock.today });
    // L622-21 / L722-2: once proceedings open, the agency no longer asks for payment.
    if (file.status === 'SUSPENDED' && (outcome.type === 'PROMISE' || outcome.type === 'CALLBACK')) {
      throw refuse('outcome.type', M.suspended);
    }

    const point = log.contactPointId
      ? await tx.contactPoint.findFirst({
          where: { tenantId: actor.tenantId, id: log.contactPointId, debtorId: file.debtorId },
        })
      : null;
    if (log.contactPointId && !point) throw refuse('contactPointId', M.notDebtorsPoint);
    if (point) {
      const expected = POINT_KIND[log.channel];
      if (expected && point.kind !== expected) throw refuse('contactPointId', M.wrongPointKind);
      if (log.channel !== 'NOTE' && point.status === 'DO_NOT_CONTACT') throw refuse('contactPointId', M.doNotContact);
    }

    if (outcome.type === 'CALLBACK')
      await checkCallback(tx, actor.tenantId, file.id, log.channel, outcome.at, clock.now);

    // Tasks this contact fulfils are closed first, so a callback planned later today is not closed with them.
    const closedTaskIds = await closeDueTasks(tx, actor, file.id, TASKS_DONE_BY[log.channel], clock);

    let target: FileStatus = file.status;
    if (log.channel !== 'NOTE' && file.status === 'NEW') target = 'IN_PROGRESS';
    let promiseId: string | null = null;
    let taskId: string | null = null;
    let disputeId: string | null = null;
    let supersededPromiseIds: string[] = [];

    if (outcome.type === 'PROMISE') {
      ({ promiseId, supersededPromiseIds } = await replacePromise(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        amountCents: outcome.amountCents,
        dueOn: outcome.dueOn,
        createdBy: actor.membershipId,
        now: clock.now,
      }));
      // A file under a plan, disputed or awaiting court keeps its status; the promise is tracked all the same.
      if (canReach(file.status, 'PROMISE')) target = 'PROMISE';
    } else if (outcome.type === 'CALLBACK') {
      taskId = await openTask(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        kind: 'CALLBACK',
        dueAt: outcome.at,
        assigneeId: actor.membershipId,
        createdBy: actor.membershipId,
        typedNote: log.note,
      });
    } else if (outcome.type === 'DISPUTE') {
      ({ disputeId, taskId } = await openDispute(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        reason: outcome.reason,
        openedBy: actor.membershipId,
        assigneeId: file.assigneeId ?? actor.membershipId,
        today: clock.today,
        timeZone: clock.timeZone,
      }));
      if (canReach(file.status, 'DISPUTED')) target = 'DISPUTED';
    } else if (outcome.type === 'WRONG_PARTY' && point && point.status !== 'WRONG_NUMBER') {
      await tx.contactPoint.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: point.id } },
        data: { status: 'WRONG_NUMBER', statusChangedAt: clock.now },
      });
    }

    const {
      version,
      activityIds: [activityId],
    } = await saveFile(
      tx,
      file,
      { status: target, ...(log.channel !== 'NOTE' ? { lastContactAt: clock.now } : {}) },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: CONTACT_KIND[log.channel],
            details: {
              ...contactDetails(log),
              contact: point ? contactPointValue(point) : null,
              promiseId,
              taskId,
              disputeId,
              supersededPromiseIds,
              closedTaskIds,
              ...(outcome.type === 'WRONG_PARTY' && point
                ? { contactPointStatus: `${point.status} → WRONG_NUMBER` }
                : {}),
              statusFrom,
              statusTo: target,
            },
          },
        ],
        audit: { action: 'contact.logged', details: { channel: log.channel, outcome: outcome.type } },
      },
    );
    if (disputeId) await onFileEvent(tx, actor.tenantId, file.id, 'DISPUTE', clock.now);
    else if (promiseId) await onFileEvent(tx, actor.tenantId, file.id, 'PROMISE', clock.now);
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return {
      fileId: file.id,
      version,
      status: target,
      activityId: activityId!,
      promiseId,
      taskId,
      disputeId,
      closedTaskIds,
    };
  });
}

const CONTACT_KIND = {
  CALL: 'contact.call',
  EMAIL: 'contact.email',
  VISIT: 'contact.visit',
  NOTE: 'contact.note',
} as const satisfies Record<Channel, string>;

function contactDetails(log: ContactLog) {
  const { outcome } = log;
  return {
    channel: log.channel,
    contactPointId: log.contactPointId,
    reached: log.reached,
    answeredBy: log.answeredBy,
    durationSeconds: log.durationSeconds,
    note: log.note,
    outcome: outcome.type,
    ...(outcome.type === 'PROMISE' ? { amountCents: outcome.amountCents, dueOn: outcome.dueOn } : {}),
    ...(outcome.type === 'CALLBACK' ? { callbackAt: outcome.at.toISOString() } : {}),
    ...(outcome.type === 'DISPUTE' ? { disputeReason: outcome.reason } : {}),
    ...(outcome.type === 'REFUSAL' ? { refusalNote: outcome.note } : {}),
  };
}

/** The actor's (or nobody's) open tasks of these kinds on the file, due by the end of the agency's day. */
async function closeDueTasks(
  tx: Tx,
  actor: Actor,
  fileId: string,
  kinds: TaskKind[],
  clock: AgencyClock,
): Promise<string[]> {
  if (kinds.length === 0) return [];
  const where = {
    tenantId: actor.tenantId,
    fileId,
    status: 'OPEN' as const,
    kind: { in: kinds },
    dueAt: { lt: startOfDayIn(addDays(clock.today, 1), clock.timeZone) },
    OR: [{ assigneeId: actor.membershipId }, { assigneeId: null }],
  };
  const due = await tx.task.findMany({ where, select: { id: true }, orderBy: { dueAt: 'asc' } });
  if (due.length === 0) return [];
  await tx.task.updateMany({
    where: { tenantId: actor.tenantId, id: { in: due.map((t) => t.id) } },
    data: { status: 'DONE', doneAt: clock.now },
  });
  return due.map((t) => t.id);
}
