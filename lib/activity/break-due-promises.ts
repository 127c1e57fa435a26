import { isClosed } from '../cases/rules';
import { dayIn } from '../dates/days';
import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import type { FileStatus, PromiseStatus } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { refreshFiles } from '../workqueue/refresh';
import { addDays } from '../dates/days';
import { lockFilesById, saveFile, type LockedFile } from '../cases/file-store';
import { PROMISE_GRACE_DAYS } from './rules';

export interface BreakDuePromisesOptions {
  /** One agency; every agency when absent (the nightly job). */
  tenantId?: string;
  now?: Date;
  client?: PrismaClient;
  /** Files per transaction. */
  batchSize?: number;
}

export interface BreakDuePromisesReport {
  tenants: number;
  broken: number;
  kept: number;
  cancelled: number;
  fileIds: string[];
}

interface DuePromise {
  id: string;
  fileId: string;
  amountCents: bigint;
  dueOn: string;
  receivedCents: bigint;
}

/**
 * The nightly settling of promises: a pending promise whose due day and one day of grace have passed is
 * BROKEN, unless the money received on the file since it was made covers it (then KEPT: a payment recorded
 * late still counts). A file left with no pending promise goes back from PROMISE to IN_PROGRESS. Each batch
 * of files is settled in one transaction under the files' locks, so a rerun finds nothing left to do.
 */
export async function breakDuePromises({
  tenantId,
  now = new Date(),
  client = db(),
  batchSize = 200,
}: BreakDuePromisesOptions = {}): Promise<BreakDuePromisesReport> {
  // agency has no row-level security: it is the tenant registry.
  const agencies = await client.agency.findMany({
    where: tenantId ? { id: tenantId } : {},
    select: { id: true, timeZone: true },
    orderBy: { id: 'asc' },
  });
  const report: BreakDuePromisesReport = { tenants: agencies.length, broken: 0, kept: 0, cancelled: 0, fileIds: [] };
  for (const agency of agencies) {
    const today = dayIn(agency.timeZone, now);
    // Due on or before this day, the grace day has passed too.
    const lastDueOn = addDays(today, -(PROMISE_GRACE_DAYS + 1));
    const files = await inTenant(
      { tenantId: agency.id },
      (tx) => tx.$queryRaw<{ fileId: string }[]>`
        SELECT DISTINCT file_id AS "fileId" FROM promise
         WHERE tenant_id = ${agency.id}::uuid AND status = 'PENDING' AND due_on <= ${lastDueOn}::date
         ORDER BY file_id`,
      client,
    );
    for (let i = 0; i < files.length; i += batchSize) {
      const ids = files.slice(i, i + batchSize).map((f) => f.fileId);
      const settled = await inTenant(
        { tenantId: agency.id },
        (tx) => settleFiles(tx, agency.id, ids, lastDueOn, today, now),
        client,
      );
      report.broken += settled.broken;
      report.kept += settled.kept;
      report.cancelled += settled.cancelled;
      report.fileIds.push(...settled.fileIds);
    }
  }
  return report;
}

async function settleFiles(
  tx: Tx,
  tenantId: string,
  fileIds: string[],
  lastDueOn: string,
  today: string,
  now: Date,
): Promise<{ broken: number; kept: number; cancelled: number; fileIds: string[] }> {
  const files = await lockFilesById(tx, tenantId, fileIds);
  // Read under the locks: a payment or an agent may have settled some since the list was made. Coverage is
  // counted as lib/payments/promises.ts does when a payment arrives: money recorded since the promise, net.
  const due = await tx.$queryRaw<DuePromise[]>`
    SELECT pr.id, pr.file_id AS "fileId", pr.amount_cents AS "amountCents",
           to_char(pr.due_on, 'YYYY-MM-DD') AS "dueOn",
           coalesce((SELECT sum(p.amount_cents) FROM payment p
                      WHERE p.tenant_id = pr.tenant_id AND p.file_id = pr.file_id
                        AND p.recorded_at >= pr.created_at), 0)::bigint AS "receivedCents"
      FROM promise pr
     WHERE pr.tenant_id = ${tenantId}::uuid AND pr.file_id = ANY(${fileIds}::uuid[])
       AND pr.status = 'PENDING' AND pr.due_on <= ${lastDueOn}::date
     ORDER BY pr.file_id, pr.due_on`;
  const byFile = new Map<string, DuePromise[]>();
  for (const p of due) byFile.set(p.fileId, [...(byFile.get(p.fileId) ?? []), p]);
  const counts = { broken: 0, kept: 0, cancelled: 0 };
  const changed: string[] = [];

  for (const file of files) {
    const promises = byFile.get(file.id);
    if (!promises) continue;
    const settled: { promise: DuePromise; status: Settled }[] = [];
    for (const promise of promises) {
      const status = settledStatus(file, promise);
      await tx.paymentPromise.update({
        where: { tenantId_id: { tenantId, id: promise.id } },
        data: { status, resolvedAt: now },
      });
      counts[status === 'BROKEN' ? 'broken' : status === 'KEPT' ? 'kept' : 'cancelled'] += 1;
      settled.push({ promise, status });
    }
    const pending = await tx.paymentPromise.count({ where: { tenantId, fileId: file.id, status: 'PENDING' } });
    const target: FileStatus = file.status === 'PROMISE' && pending === 0 ? 'IN_PROGRESS' : file.status;
    // Nobody signed in did this: the trail has no actor, like the daily plan check's.
    await saveFile(tx, file, { status: target }, { by: null, ...promiseOutcomes(settled) });
    changed.push(file.id);
  }
  await refreshFiles(tx, tenantId, changed, today);
  return { ...counts, fileIds: changed };
}

function settledStatus(file: LockedFile, promise: DuePromise): Settled {
  if (file.status === 'PAID') return 'KEPT';
  // A file withdrawn or written off owes nothing to the agency any more: its promises lapse, unjudged.
  if (isClosed(file.status)) return 'CANCELLED';
  return promise.receivedCents >= promise.amountCents ? 'KEPT' : 'BROKEN';
}

type Settled = Exclude<PromiseStatus, 'PENDING'>;

const PROMISE_KIND = {
  KEPT: 'promise.kept',
  BROKEN: 'promise.broken',
  // A promise still pending when its file closes lapses: the line says the file closed.
  CANCELLED: 'promise.cancelled',
} as const satisfies Record<Settled, string>;

/** One line and one audit entry per promise settled, each entry pointing at its line. */
function promiseOutcomes(settled: readonly { promise: DuePromise; status: Settled }[]) {
  return {
    lines: settled.map(({ promise, status }) => ({
      kind: PROMISE_KIND[status],
      details: {
        promiseId: promise.id,
        amountCents: Number(promise.amountCents),
        dueOn: promise.dueOn,
        receivedCents: Number(promise.receivedCents),
        status,
      },
    })),
    audit: settled.map(({ promise, status }, line) => ({
      action: PROMISE_KIND[status],
      entity: 'promise',
      entityId: promise.id,
      line,
      details: { amountCents: Number(promise.amountCents), dueOn: promise.dueOn },
    })),
  };
}
