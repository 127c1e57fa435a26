import { agencyClock, type AgencyClock } from '../dates/agency-clock';
import { checkVersion, lockDebtorFiles, refuse, saveFile, type LockedFile } from './file-store';
import {
  claimDeclarationDeadline,
  claimDeclarationMonths,
  declarationTaskDay,
  isInsolvency,
  stopsCollection,
} from './company-event-rules';
import { debtorSeatAddress, proceedingsCalendar } from './court-calendar';
import { declarationPeriodExtended, type ResidenceAddress } from './court-seat';
import { canReach } from './transitions';
import { startOfDayIn } from '../compliance/zoned-time';
import { companyEventSchema, type CompanyEventInput } from './company-event-schema';
import { recordAudit } from '../audit/record-audit';
import type { FileStatus, TaskKind } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { taskNote, type TaskNoteRef } from '../tasks/notes';
import { openTask } from '../tasks/open-task';
import { isClosed } from './rules';
import type { HolidayOptions } from '../compliance/working-days';

export interface RecordCompanyEventOptions {
  actor: Actor;
  /** companyEventSchema, recorded from one of the debtor's files (its id and the version read). */
  input: unknown;
  ip?: string;
  /** The agency's clock reads this instant (tests); now by default. */
  now?: Date;
}

export interface RecordCompanyEventResult {
  eventId: string;
  fileId: string;
  /** The new version of the file the event was recorded from. */
  version: number;
  /** Every file of the debtor whose timeline got the event (its open files, and the file it was recorded from). */
  affectedFileIds: string[];
  /** The debtor's files on which collection now stands suspended. */
  suspendedFileIds: string[];
  taskIds: string[];
}

/** Tasks that ask the debtor for money: pointless, and unlawful under proceedings, once collection stops. */
const COLLECTION_TASKS: TaskKind[] = ['CALL', 'CALLBACK', 'VISIT'];

/**
 * Records a change in the debtor's legal life on every one of its open files in the agency. Collective
 * proceedings and over-indebtedness stop collection: each open file is suspended, pending promises are void
 * (Code de commerce L622-7 forbids paying debts born before the judgment), call tasks are cancelled, and a
 * follow-up task is due at the claim declaration deadline. Other events go on the timelines with a review task.
 */
export async function recordCompanyEvent({
  actor,
  input,
  ip,
  now,
}: RecordCompanyEventOptions): Promise<RecordCompanyEventResult> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const event = parseInput(companyEventSchema(clock), input);
    const origin = await tx.caseFile.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: event.fileId,
        ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
      },
      select: { debtorId: true, debtor: { select: { kind: true, displayName: true } } },
    });
    if (!origin) throw AppError.notFound();
    // All the debtor's files are locked in id order, so two events recorded at once cannot deadlock.
    const files = await lockDebtorFiles(tx, actor, origin.debtorId);
    const from = files.find((f) => f.id === event.fileId);
    if (!from) throw AppError.notFound();
    await checkVersion(tx, from, event.expectedVersion, clock);
    // Over-indebtedness is a procedure for private persons (Code de la consommation L711-1).
    if (event.kind === 'OVER_INDEBTEDNESS' && origin.debtor.kind === 'COMPANY') {
      throw refuse('kind', 'workspace.errors.overIndebtednessPerson');
    }

    // The court's calendar, fixed with the judgment: the declaration deadline is counted in it (decision 0021).
    const holidayRegion = event.courtSeat
      ? proceedingsCalendar(event.courtSeat, await debtorSeatAddress(tx, actor.tenantId, origin.debtorId))
      : null;
    const eventId = (
      await tx.companyEvent.create({
        data: {
          tenantId: actor.tenantId,
          debtorId: origin.debtorId,
          kind: event.kind,
          occurredOn: new Date(`${event.occurredOn}T00:00:00Z`),
          publishedOn: event.publishedOn ? new Date(`${event.publishedOn}T00:00:00Z`) : null,
          note: event.note,
          administratorName: event.administratorName,
          administratorStreet: event.administratorStreet,
          administratorPostcode: event.administratorPostcode,
          administratorCity: event.administratorCity,
          courtSeat: event.courtSeat,
          holidayRegion,
          recordedBy: actor.membershipId,
        },
        select: { id: true },
      })
    ).id;

    const affected = files.filter((f) => !isClosed(f.status) || f.id === from.id);
    // The declaration deadline is counted in the court's calendar (CPC 642); only opening judgments have one.
    const holidays: HolidayOptions = { region: holidayRegion ?? 'FR' };
    const suspendedFileIds: string[] = [];
    const taskIds: string[] = [];
    let version = from.version;
    for (const file of affected) {
      const outcome = await applyToFile(tx, actor, file, event, eventId, clock, holidays);
      if (outcome.suspended) suspendedFileIds.push(file.id);
      if (outcome.taskId) taskIds.push(outcome.taskId);
      if (file.id === from.id) version = file.version;
    }

    await recordAudit(tx, actor, {
      action: 'company_event.recorded',
      entity: 'debtor',
      entityId: origin.debtorId,
      ip,
      details: {
        eventId,
        kind: event.kind,
        occurredOn: event.occurredOn,
        publishedOn: event.publishedOn,
        files: affected.length,
        suspended: suspendedFileIds.length,
      },
    });
    await refreshFiles(
      tx,
      actor.tenantId,
      affected.map((f) => f.id),
      clock.today,
    );
    return {
      eventId,
      fileId: from.id,
      version,
      affectedFileIds: affected.map((f) => f.id),
      suspendedFileIds,
      taskIds,
    };
  });
}

interface FollowUp {
  dueAt: Date;
  note: TaskNoteRef;
  deadline: string | null;
}

/**
 * When the claim must be declared, and what the agent should do about it: the task falls due some days before the
 * deadline (the alert), at once when that day has passed. The period is the file's creditor's: two more months when
 * it does not live where the court sits (R622-24 al. 2, 3).
 */
function followUpFor(
  event: CompanyEventInput,
  clock: AgencyClock,
  creditor: ResidenceAddress,
  holidays: HolidayOptions,
): FollowUp {
  if (event.kind === 'OVER_INDEBTEDNESS') {
    return {
      dueAt: clock.now,
      deadline: null,
      note: taskNote('insolvency.overIndebtedness', { occurredOn: event.occurredOn }),
    };
  }
  if (!event.publishedOn) {
    return {
      dueAt: clock.now,
      deadline: null,
      note: taskNote('insolvency.publicationUnknown', { event: event.kind, occurredOn: event.occurredOn }),
    };
  }
  // The schema requires the seat with an opening judgment, the only events that reach here with a publication.
  const extended = declarationPeriodExtended(event.courtSeat!, creditor);
  const deadline = claimDeclarationDeadline(event.publishedOn, extended, holidays);
  const lapsed = deadline < clock.today;
  const taskDay = declarationTaskDay(deadline, clock.today);
  return {
    dueAt: taskDay === clock.today ? clock.now : startOfDayIn(taskDay, clock.timeZone),
    deadline,
    note: taskNote('insolvency.declare', {
      event: event.kind,
      publishedOn: event.publishedOn,
      deadline,
      months: claimDeclarationMonths(extended),
      lapsed,
    }),
  };
}

async function applyToFile(
  tx: Tx,
  actor: Actor,
  file: LockedFile,
  event: CompanyEventInput,
  eventId: string,
  clock: AgencyClock,
  holidays: HolidayOptions,
): Promise<{ suspended: boolean; taskId: string | null }> {
  const open = !isClosed(file.status);
  const stops = open && stopsCollection(event.kind);
  const statusFrom: FileStatus = file.status;
  let cancelledPromises = 0;
  let cancelledTasks = 0;
  let taskId: string | null = null;
  let deadline: string | null = null;

  if (stops) {
    if (isInsolvency(event.kind)) {
      cancelledPromises = (
        await tx.paymentPromise.updateMany({
          where: { tenantId: actor.tenantId, fileId: file.id, status: 'PENDING' },
          data: { status: 'CANCELLED', resolvedAt: clock.now },
        })
      ).count;
    }
    cancelledTasks = (
      await tx.task.updateMany({
        where: { tenantId: actor.tenantId, fileId: file.id, status: 'OPEN', kind: { in: COLLECTION_TASKS } },
        data: { status: 'CANCELLED', doneAt: clock.now },
      })
    ).count;
    const creditor = await tx.creditor.findFirstOrThrow({
      where: { tenantId: actor.tenantId, id: file.creditorId },
      select: { postcode: true, country: true },
    });
    const followUp = followUpFor(event, clock, creditor, holidays);
    deadline = followUp.deadline;
    taskId = await createTask(tx, actor, file, 'INSOLVENCY_FOLLOW_UP', followUp.dueAt, followUp.note);
  } else if (open) {
    taskId = await createTask(
      tx,
      actor,
      file,
      'REVIEW',
      clock.now,
      taskNote('company.review', { event: event.kind, occurredOn: event.occurredOn }),
    );
  }

  const target: FileStatus = stops && canReach(file.status, 'SUSPENDED') ? 'SUSPENDED' : file.status;
  // The debtor-level audit entry is the caller's: one event, every file it touched.
  await saveFile(
    tx,
    file,
    { status: target },
    {
      by: { membershipId: actor.membershipId },
      lines: [
        {
          kind: 'company.event',
          details: {
            eventId,
            kind: event.kind,
            occurredOn: event.occurredOn,
            publishedOn: event.publishedOn,
            note: event.note,
            administrator: event.administratorName,
            courtSeat: event.courtSeat,
            declarationDeadline: deadline,
            suspends: stops,
            taskId,
            cancelledPromises,
            cancelledTasks,
            statusFrom,
            statusTo: target,
          },
        },
      ],
    },
  );
  return { suspended: stops && target === 'SUSPENDED', taskId };
}

async function createTask(
  tx: Tx,
  actor: Actor,
  file: LockedFile,
  kind: TaskKind,
  dueAt: Date,
  ref: TaskNoteRef,
): Promise<string> {
  return (await openTask(tx, {
    tenantId: actor.tenantId,
    fileId: file.id,
    kind,
    dueAt,
    assigneeId: file.assigneeId ?? actor.membershipId,
    createdBy: actor.membershipId,
    ref,
  }))!;
}
