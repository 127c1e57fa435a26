import type {
  CompanyEventKind,
  ContactKind,
  ContactStatus,
  DisputeStatus,
  PromiseStatus,
  TaskKind,
} from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { workspaceRefSchema } from './schemas';
import type { NonPaymentReason, Solvency } from '../cases/file-info-schema';
import { contactPointValue } from '../cases/contact-point-line';
import { dayOf } from '../dates/days';

/** What the file page needs beyond lib/cases/queries.ts getFile: the agent's working state of the file. */
export interface FileWorkspace {
  fileId: string;
  /** The optimistic-lock token every form of the page sends back as expectedVersion. */
  version: number;
  lastContactAt: string | null;
  info: {
    nonPaymentReason: NonPaymentReason | null;
    nonPaymentNote: string | null;
    solvency: Solvency | null;
    solvencyNote: string | null;
    employer: string | null;
    bank: string | null;
    updatedAt: string;
  } | null;
  companyEvents: {
    id: string;
    kind: CompanyEventKind;
    occurredOn: string;
    publishedOn: string | null;
    note: string | null;
    recordedAt: string;
  }[];
  openTasks: {
    id: string;
    kind: TaskKind;
    dueAt: string;
    assigneeId: string | null;
    assigneeName: string | null;
    source: string;
    /** What a person typed. */
    note: string | null;
    /** What the application says, as stored (lib/tasks/notes.ts): the page renders it in the reader's language. */
    noteRef: unknown;
  }[];
  promises: {
    id: string;
    amountCents: number;
    dueOn: string;
    status: PromiseStatus;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  disputes: {
    id: string;
    reason: string;
    status: DisputeStatus;
    resolution: string | null;
    openedAt: string;
    resolvedAt: string | null;
    /** What the debtor attached on their page (lib/debtor-page/record-debtor-dispute.ts). */
    attachments: { id: string; name: string; contentType: string; sizeBytes: number }[];
  }[];
  contactPoints: {
    id: string;
    kind: ContactKind;
    label: string | null;
    value: string;
    /** Raw E.164 number for a phone (to dial), null otherwise. */
    phone: string | null;
    status: ContactStatus;
    source: string;
    foundOn: string | null;
    statusChangedAt: string | null;
  }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** How many promises and disputes the page lists, latest first. */
const HISTORY = 50;

/**
 * The agent's view of a file: what was learnt, open tasks, promises, disputes, contact points with their
 * status and source, and the version to edit against. Another agency's file is not found; creditor users
 * (who do not work files) get not found as well.
 */
export async function fileWorkspace(actor: Actor, fileId: unknown): Promise<FileWorkspace> {
  authorize(actor, 'files.work');
  const { fileId: id } = parseInput(workspaceRefSchema, { fileId });
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      select: { id: true, version: true, debtorId: true, lastContactAt: true },
    });
    if (!file) throw AppError.notFound();
    const tenantId = actor.tenantId;
    // One connection per transaction: the queries run one after the other, each on its index.
    const info = await tx.fileInfo.findUnique({ where: { tenantId_fileId: { tenantId, fileId: file.id } } });
    const events = await tx.companyEvent.findMany({
      where: { tenantId, debtorId: file.debtorId },
      orderBy: [{ occurredOn: 'desc' }, { recordedAt: 'desc' }],
    });
    const tasks = await tx.$queryRaw<
      {
        id: string;
        kind: TaskKind;
        dueAt: Date;
        assigneeId: string | null;
        assigneeName: string | null;
        source: string;
        note: string | null;
        noteRef: unknown;
      }[]
    >`
      SELECT t.id, t.kind, t.due_at AS "dueAt", t.assignee_id AS "assigneeId", i.name AS "assigneeName",
             t.source, t.note, t.note_ref AS "noteRef"
        FROM task t
        LEFT JOIN membership m ON m.tenant_id = t.tenant_id AND m.id = t.assignee_id
        LEFT JOIN identity i ON i.id = m.identity_id
       WHERE t.tenant_id = ${tenantId}::uuid AND t.file_id = ${file.id}::uuid AND t.status = 'OPEN'
       ORDER BY t.due_at`;
    const promises = await tx.paymentPromise.findMany({
      where: { tenantId, fileId: file.id },
      orderBy: [{ createdAt: 'desc' }],
      take: HISTORY,
    });
    const disputes = await tx.dispute.findMany({
      where: { tenantId, fileId: file.id },
      orderBy: [{ openedAt: 'desc' }],
      take: HISTORY,
      include: {
        attachments: {
          select: { id: true, name: true, contentType: true, sizeBytes: true },
          orderBy: { createdAt: 'asc' },
        },
      },
    });
    const points = await tx.contactPoint.findMany({
      where: { tenantId, debtorId: file.debtorId },
      orderBy: [{ createdAt: 'asc' }],
    });
    return {
      fileId: file.id,
      version: file.version,
      lastContactAt: iso(file.lastContactAt),
      info: info
        ? {
            nonPaymentReason: info.nonPaymentReason as NonPaymentReason | null,
            nonPaymentNote: info.nonPaymentNote,
            solvency: info.solvency as Solvency | null,
            solvencyNote: info.solvencyNote,
            employer: info.employer,
            bank: info.bank,
            updatedAt: info.updatedAt.toISOString(),
          }
        : null,
      companyEvents: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        occurredOn: dayOf(e.occurredOn),
        publishedOn: e.publishedOn ? dayOf(e.publishedOn) : null,
        note: e.note,
        recordedAt: e.recordedAt.toISOString(),
      })),
      openTasks: tasks.map((t) => ({ ...t, dueAt: t.dueAt.toISOString() })),
      promises: promises.map((p) => ({
        id: p.id,
        amountCents: Number(p.amountCents),
        dueOn: dayOf(p.dueOn),
        status: p.status,
        createdAt: p.createdAt.toISOString(),
        resolvedAt: iso(p.resolvedAt),
      })),
      disputes: disputes.map((d) => ({
        id: d.id,
        reason: d.reason,
        status: d.status,
        resolution: d.resolution,
        openedAt: d.openedAt.toISOString(),
        resolvedAt: iso(d.resolvedAt),
        attachments: d.attachments,
      })),
      contactPoints: points.map((c) => ({
        id: c.id,
        kind: c.kind,
        label: c.label,
        value: contactPointValue(c),
        phone: c.kind === 'PHONE' ? c.phone : null,
        status: c.status,
        source: c.source,
        foundOn: c.foundOn ? dayOf(c.foundOn) : null,
        statusChangedAt: iso(c.statusChangedAt),
      })),
    };
  });
}
