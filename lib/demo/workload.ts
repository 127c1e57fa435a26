import type { Prisma } from '../db/generated/client';
import type { PromiseStatus, TaskKind } from '../db/generated/enums';
import { addDays, dayIn } from '../dates/days';
import type { AgencyDataset, IdentityRow, MembershipRow } from './agency-dataset';
import { DAY_MS, buildLastName, type CaseFileRow, type FactoryContext } from './factories';
import { DISPUTE_REASONS } from './french-data';
import { checkTaskNote, taskNote, type TaskNoteRef } from '../tasks/notes';

// What makes the demo work queue real: a second agent sharing the portfolio, last contacts taken from each file's
// history, promises, open tasks (callbacks, scenario calls, an insolvency
// follow-up) and open disputes. Built from an existing dataset with its own random stream, so the dataset
// itself is the same with or without it.

export interface PromiseRow {
  tenantId: string;
  id: string;
  fileId: string;
  amountCents: bigint;
  dueOn: Date;
  status: PromiseStatus;
  createdBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface TaskRow {
  tenantId: string;
  id: string;
  fileId: string;
  kind: TaskKind;
  dueAt: Date;
  assigneeId: string | null;
  source: 'agent' | 'scenario';
  /** What the demo's agents and scenarios say on their tasks, as the application stores it (lib/tasks/notes.ts). */
  noteRef?: Prisma.InputJsonObject;
  createdBy: string | null;
  createdAt: Date;
}

export interface DisputeRow {
  tenantId: string;
  id: string;
  fileId: string;
  reason: string;
  openedBy: string | null;
  openedAt: Date;
}

export interface Workload {
  identities: IdentityRow[];
  memberships: MembershipRow[];
  /** The dataset's files with their assignee and last contact as the workload sets them. */
  files: (CaseFileRow & { lastContactAt: Date | null })[];
  promises: PromiseRow[];
  tasks: TaskRow[];
  disputes: DisputeRow[];
}

const TIME_ZONE = 'Europe/Paris';
const CONTACT_KINDS = new Set<string>(['contact.call', 'email.sent', 'letter.sent']);
const OPEN_WORK = new Set(['NEW', 'IN_PROGRESS', 'PROMISE', 'PAYMENT_PLAN', 'AWAITING_JUDICIAL']);

/** A wall-clock time in the agency's zone as an instant (the demo agencies are in Paris). */
function parisInstant(day: string, hour: number, minute: number): Date {
  const guess = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const shown = new Date(guess.toLocaleString('en-US', { timeZone: TIME_ZONE }));
  const asUtc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (shown.getTime() - asUtc.getTime()));
}

export function buildWorkload(
  ctx: FactoryContext,
  data: AgencyDataset,
  { passwordHash, slug }: { passwordHash: string; slug: string },
): Workload {
  const { faker } = ctx;
  const tenantId = data.agency.id;
  const today = dayIn(TIME_ZONE, ctx.now);
  const agent = data.memberships.find((m) => m.role === 'AGENT') ?? null;

  const identity: IdentityRow = {
    id: ctx.newId(),
    email: `agent2@${slug}.demo`,
    passwordHash,
    name: `${faker.person.firstName()} ${buildLastName(faker)}`,
    locale: 'fr',
  };
  const second: MembershipRow = { tenantId, id: ctx.newId(), identityId: identity.id, role: 'AGENT', creditorId: null };

  const kindOf = new Map(data.debtors.map((d) => [d.id, d.kind]));
  const lastContact = new Map<string, Date>();
  const promiseMade = new Map<string, { amountCents: number; dueOn: string; at: Date }>();
  const disputeCall = new Map<string, { note: string; at: Date }>();
  for (const a of data.activities) {
    if (CONTACT_KINDS.has(a.kind)) {
      const seen = lastContact.get(a.fileId);
      if (!seen || a.occurredAt > seen) lastContact.set(a.fileId, a.occurredAt);
    }
    if (a.kind === 'contact.call' && a.details.outcome === 'PROMISE' && typeof a.details.dueOn === 'string') {
      promiseMade.set(a.fileId, {
        amountCents: Number(a.details.amountCents),
        dueOn: a.details.dueOn,
        at: a.occurredAt,
      });
    }
    if (a.kind === 'contact.call' && a.details.outcome === 'DISPUTE' && typeof a.details.note === 'string') {
      disputeCall.set(a.fileId, { note: a.details.note, at: a.occurredAt });
    }
  }

  const out: Workload = {
    identities: [identity],
    memberships: [second],
    files: [],
    promises: [],
    tasks: [],
    disputes: [],
  };
  const task = (
    file: CaseFileRow,
    kind: TaskKind,
    source: 'agent' | 'scenario',
    dueAt: Date,
    note: TaskNoteRef | null,
  ) =>
    out.tasks.push({
      tenantId,
      id: ctx.newId(),
      fileId: file.id,
      kind,
      dueAt,
      assigneeId: file.assigneeId,
      source,
      ...(note ? { noteRef: checkTaskNote(note) as Prisma.InputJsonObject } : {}),
      createdBy: source === 'agent' ? file.assigneeId : null,
      createdAt: new Date(Math.min(ctx.now.getTime(), dueAt.getTime()) - 3 * DAY_MS),
    });

  for (const original of data.files) {
    // One assigned file in three goes to the second agent, so a manager has two queues to compare.
    const moved = agent && original.assigneeId === agent.id && faker.datatype.boolean({ probability: 0.35 });
    const file = { ...original, assigneeId: moved ? second.id : original.assigneeId };
    const closed = file.phase === 'CLOSED';
    // The limitation date is not set here: lib/demo/seed-agency.ts computes it from the claims as the product does.
    out.files.push({ ...file, lastContactAt: lastContact.get(file.id) ?? null });
    if (closed) continue;

    const promise = promiseMade.get(file.id);
    if (file.status === 'PROMISE' && promise) {
      out.promises.push({
        tenantId,
        id: ctx.newId(),
        fileId: file.id,
        amountCents: BigInt(promise.amountCents),
        dueOn: new Date(`${promise.dueOn}T00:00:00Z`),
        status: 'PENDING',
        createdBy: file.assigneeId,
        createdAt: promise.at,
        resolvedAt: null,
      });
    }
    if (file.status === 'IN_PROGRESS' && faker.datatype.boolean({ probability: 0.3 })) {
      // An earlier promise, broken (most often) or kept, a month or two back.
      const dueOn = addDays(today, -faker.number.int({ min: 20, max: 70 }));
      const broken = faker.datatype.boolean({ probability: 0.7 });
      out.promises.push({
        tenantId,
        id: ctx.newId(),
        fileId: file.id,
        amountCents: BigInt(faker.number.int({ min: 5, max: 60 }) * 1000),
        dueOn: new Date(`${dueOn}T00:00:00Z`),
        status: broken ? 'BROKEN' : 'KEPT',
        createdBy: file.assigneeId,
        createdAt: parisInstant(addDays(dueOn, -14), 10, 15),
        resolvedAt: parisInstant(addDays(dueOn, broken ? 1 : 0), broken ? 6 : 16, 0),
      });
    }
    const call = disputeCall.get(file.id);
    if (file.status === 'DISPUTED') {
      const reason = call?.note.replace(/^Le débiteur /, '') ?? faker.helpers.arrayElement(DISPUTE_REASONS);
      out.disputes.push({
        tenantId,
        id: ctx.newId(),
        fileId: file.id,
        reason: reason.charAt(0).toUpperCase() + reason.slice(1),
        openedBy: file.assigneeId,
        openedAt: call?.at ?? ctx.now,
      });
    }
    if (file.status === 'SUSPENDED' && kindOf.get(file.debtorId) === 'COMPANY') {
      const day = addDays(today, faker.number.int({ min: 5, max: 40 }));
      task(file, 'INSOLVENCY_FOLLOW_UP', 'agent', parisInstant(day, 9, 0), taskNote('claim.declare', {}));
    }
    if (!file.assigneeId || !OPEN_WORK.has(file.status)) continue;
    const roll = faker.number.float({ min: 0, max: 1 });
    if (roll < 0.14) {
      // Callbacks: most today, some overdue, some in the next days.
      const day = addDays(
        today,
        faker.helpers.weightedArrayElement([
          { weight: 6, value: 0 },
          { weight: 2, value: -1 },
          { weight: 1, value: -3 },
          { weight: 3, value: faker.number.int({ min: 1, max: 6 }) },
        ]),
      );
      const hour = faker.number.int({ min: 9, max: 17 });
      task(
        file,
        'CALLBACK',
        'agent',
        parisInstant(day, hour, faker.helpers.arrayElement([0, 15, 30, 45])),
        taskNote('callback.agreed', {}),
      );
    } else if (roll < 0.26) {
      const day = addDays(today, -faker.number.int({ min: 0, max: 2 }));
      task(file, 'CALL', 'scenario', parisInstant(day, 8, 0), taskNote('scenario.step', { channel: 'CALL_TASK' }));
    } else if (roll < 0.29) {
      const kind = faker.helpers.arrayElement(['VISIT', 'REVIEW'] as const);
      task(file, kind, 'agent', parisInstant(addDays(today, faker.number.int({ min: -2, max: 4 })), 11, 0), null);
    }
  }
  return out;
}
