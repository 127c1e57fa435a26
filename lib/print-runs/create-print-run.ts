import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { drawBatch, manifestCsv, type BatchItem, type ManifestRow } from '../letters/batch';
import { createDocument } from '../letters/layout';
import { enqueue } from '../queue/producers';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { derivedKey, scratchFile, storeBuffer, storeFile } from '../storage/documents';
import { withDebtorPages } from '../debtor-links/letter-links';

/**
 * Print runs for the mailing house (courrier en nombre). Creating one takes every letter the engine produced
 * and nobody has printed yet, in the order they were made, and marks them with the run in the same
 * transaction, so two managers clicking together cannot put a letter in two runs. The letters/print-run job
 * then draws them into ONE PDF (lib/letters/batch.ts, from the data each document kept) plus the manifest CSV.
 */

export interface CreatePrintRunOptions {
  actor: Actor;
  ip?: string;
  /** Tests and the CLI run the job in-process; the web hands it to the worker. */
  enqueueJob?: boolean;
}

export async function createPrintRun({
  actor,
  ip,
  enqueueJob = true,
}: CreatePrintRunOptions): Promise<{ printRunId: string; letters: number }> {
  authorize(actor, 'scenarios.manage');
  const created = await inTenant(scopeOf(actor), async (tx) => {
    const [run] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO print_run (tenant_id, created_by) VALUES (${actor.tenantId}::uuid, ${actor.membershipId}::uuid)
      RETURNING id`;
    const letters = await tx.$executeRaw`
      UPDATE document d SET print_run_id = ${run!.id}::uuid
        FROM (SELECT id FROM document
               WHERE tenant_id = ${actor.tenantId}::uuid AND print_run_id IS NULL AND kind <> 'DOSSIER'
                 AND letter_data IS NOT NULL
               ORDER BY created_at, id
                 FOR UPDATE SKIP LOCKED) u
       WHERE d.tenant_id = ${actor.tenantId}::uuid AND d.id = u.id`;
    if (letters === 0) throw new AppError('CONFLICT', 'errors.printRuns.nothingWaiting');
    await tx.$executeRaw`UPDATE print_run SET letters = ${letters} WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${run!.id}::uuid`;
    await recordAudit(tx, actor, {
      action: 'print_run.created',
      entity: 'print_run',
      entityId: run!.id,
      ip,
      details: { letters },
    });
    return { printRunId: run!.id, letters };
  });
  if (enqueueJob)
    await enqueue(
      'letters',
      'print-run',
      { tenantId: actor.tenantId, printRunId: created.printRunId },
      {
        jobId: `print.${created.printRunId}`,
      },
    );
  return created;
}

export interface PrintRunProgress {
  done: number;
  total: number;
}

const CHUNK = 500;

/**
 * The job: draws the run's letters into one PDF streamed to storage, writes the manifest, marks the run DONE.
 * Idempotent: a finished run is left alone, and a rerun rewrites the same two objects (keys derived from the
 * run's id). Letters are read and drawn in chunks, so memory holds a few hundred letters' data at most.
 */
export async function runPrintRun({
  tenantId,
  printRunId,
  onProgress,
  client = db(),
}: {
  tenantId: string;
  printRunId: string;
  onProgress?: (p: PrintRunProgress) => unknown;
  client?: PrismaClient;
}): Promise<{ letters: number; pages: number; pdfKey: string; manifestKey: string } | { skipped: true }> {
  const run = await inTenant(
    { tenantId },
    async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string; letters: number }[]>`
        UPDATE print_run SET status = 'RUNNING' WHERE tenant_id = ${tenantId}::uuid AND id = ${printRunId}::uuid
           AND status IN ('PENDING', 'RUNNING', 'FAILED')
        RETURNING status::text, letters`;
      return row ?? null;
    },
    client,
  );
  if (!run) return { skipped: true };
  const pdfKey = derivedKey(tenantId, 'print-runs', `${printRunId}:pdf`);
  const manifestKey = derivedKey(tenantId, 'print-runs', `${printRunId}:manifest`);
  // Written page by page to a local file, then stored whole (a rename beside it on disk, one PUT to a bucket).
  const temp = await scratchFile(pdfKey);
  try {
    const doc = createDocument({
      title: `Print run ${printRunId}`,
      author: 'Recouvra',
      locale: 'fr',
      date: new Date().toISOString().slice(0, 10),
    });
    const out = createWriteStream(/*turbopackIgnore: true*/ temp);
    const finished = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
      doc.on('error', reject);
    });
    doc.pipe(out);
    const manifest: ManifestRow[] = [];
    let after = { createdAt: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
    let pages = 0;
    for (;;) {
      const rows = await inTenant(
        { tenantId },
        (tx) => tx.$queryRaw<{ id: string; created_at: Date; letter_data: BatchItem; file_id: string }[]>`
          SELECT id, created_at, letter_data, file_id::text FROM document
           WHERE tenant_id = ${tenantId}::uuid AND print_run_id = ${printRunId}::uuid
             AND (created_at, id) > (${after.createdAt}, ${after.id}::uuid)
           ORDER BY created_at, id LIMIT ${CHUNK}`,
        client,
      );
      if (rows.length === 0) break;
      const items = await inTenant(
        { tenantId },
        (tx) =>
          withDebtorPages(tx, {
            tenantId,
            now: new Date(),
            letters: rows.map((r) => ({ fileId: r.file_id, item: r.letter_data })),
          }),
        client,
      );
      const drawn = await drawBatch(doc, items);
      for (const row of drawn) {
        manifest.push({ ...row, sequence: manifest.length + 1, firstPage: pages + row.firstPage });
      }
      pages += drawn.reduce((sum, r) => sum + r.pages, 0);
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.created_at, id: last.id };
      await onProgress?.({ done: manifest.length, total: run.letters });
    }
    doc.end();
    await finished;
    await storeFile(pdfKey, temp);
    await storeBuffer(manifestKey, manifestCsv(manifest));
    await inTenant(
      { tenantId },
      (tx) => tx.$executeRaw`
        UPDATE print_run SET status = 'DONE', letters = ${manifest.length}, pages = ${pages}, pdf_key = ${pdfKey},
               manifest_key = ${manifestKey}, finished_at = now(), error = NULL
         WHERE tenant_id = ${tenantId}::uuid AND id = ${printRunId}::uuid`,
      client,
    );
    return { letters: manifest.length, pages, pdfKey, manifestKey };
  } catch (error) {
    await rm(/*turbopackIgnore: true*/ temp, { force: true });
    await inTenant(
      { tenantId },
      (tx) => tx.$executeRaw`
        UPDATE print_run SET status = 'FAILED', error = ${error instanceof Error ? error.message.slice(0, 500) : 'error'}
         WHERE tenant_id = ${tenantId}::uuid AND id = ${printRunId}::uuid`,
      client,
    ).catch(() => undefined);
    throw error;
  }
}
