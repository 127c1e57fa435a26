import type { Readable } from 'node:stream';
import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { openStream, sizeOf } from '../storage/files';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { printRunRefSchema } from './schemas';

// Reads for screens and downloads of the engine's output.

export interface PrintRunFile {
  name: string;
  contentType: string;
  size: number;
  stream: Readable;
}

/** A finished print run's merged PDF or manifest; another agency's run, or one not finished, is not found. */
export async function getPrintRunFile({
  actor,
  printRunId,
  part,
  ip,
}: {
  actor: Actor;
  printRunId: unknown;
  part: 'pdf' | 'manifest';
  ip?: string;
}): Promise<PrintRunFile> {
  authorize(actor, 'scenarios.manage');
  const ref = parseInput(printRunRefSchema, { printRunId });
  const run = await inTenant(scopeOf(actor), async (tx) => {
    const found = await tx.printRun.findFirst({
      where: { tenantId: actor.tenantId, id: ref.printRunId, status: 'DONE' },
    });
    if (!found) throw AppError.notFound();
    await recordAudit(tx, actor, {
      action: `print_run.downloaded_${part}`,
      entity: 'print_run',
      entityId: found.id,
      ip,
    });
    return found;
  });
  const key = part === 'pdf' ? run.pdfKey : run.manifestKey;
  if (!key) throw AppError.notFound();
  const stamp = run.createdAt.toISOString().slice(0, 10);
  return {
    name: `courrier-${stamp}-${run.id.slice(0, 8)}.${part === 'pdf' ? 'pdf' : 'csv'}`,
    contentType: part === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
    size: await sizeOf(key),
    stream: await openStream(key),
  };
}

export interface PrintRunRow {
  id: string;
  status: string;
  letters: number;
  pages: number;
  createdAt: Date;
  finishedAt: Date | null;
  /** The day the run was posted ('YYYY-MM-DD'), once marked. */
  postedOn: string | null;
  /** Registered letters in the run, and how many have their La Poste number and acknowledgement recorded. */
  registered: number;
  tracked: number;
  acknowledged: number;
}

export async function listPrintRuns(actor: Actor): Promise<{ runs: PrintRunRow[]; waiting: number }> {
  authorize(actor, 'scenarios.manage');
  return inTenant(scopeOf(actor), async (tx) => {
    const runs = await tx.printRun.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: {
        id: true,
        status: true,
        letters: true,
        pages: true,
        createdAt: true,
        finishedAt: true,
        postedOn: true,
      },
    });
    const tracking = await tx.$queryRaw<
      { print_run_id: string; registered: number; tracked: number; acknowledged: number }[]
    >`
      SELECT print_run_id, count(*)::int AS registered, count(tracking_number)::int AS tracked,
             count(acknowledged_on)::int AS acknowledged
        FROM document
       WHERE tenant_id = ${actor.tenantId}::uuid AND print_run_id = ANY(${runs.map((r) => r.id)}::uuid[]) AND registered
       GROUP BY print_run_id`;
    const byRun = new Map(tracking.map((t) => [t.print_run_id, t]));
    const [{ waiting }] = (await tx.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM document
       WHERE tenant_id = ${actor.tenantId}::uuid AND print_run_id IS NULL AND kind <> 'DOSSIER'
         AND letter_data IS NOT NULL`) as [{ waiting: number }];
    return {
      runs: runs.map((run) => {
        const t = byRun.get(run.id);
        return {
          ...run,
          postedOn: run.postedOn ? run.postedOn.toISOString().slice(0, 10) : null,
          registered: t?.registered ?? 0,
          tracked: t?.tracked ?? 0,
          acknowledged: t?.acknowledged ?? 0,
        };
      }),
      waiting,
    };
  });
}
