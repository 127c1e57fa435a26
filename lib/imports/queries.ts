import type { ImportStatus } from '../db/generated/enums';
import type { MessageRef } from '../i18n/message-ref';
import { inTenant } from '../db/tenant';
import { producer } from '../queue/producers';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { ColumnMapping } from './import-schemas';
import { loadImport } from './load-import';
import { readJobProgress } from './job-progress';
import type { WritingProgress } from './pipeline/import-rows';
import type { ImportSummary } from './process-import';

export interface ImportView {
  id: string;
  creditorId: string;
  creditorName: string;
  fileName: string;
  format: string | null;
  status: ImportStatus;
  mapping: ColumnMapping | null;
  counts: ImportSummary | null;
  error: string | null;
  /** The refusal as a catalogue key, shown in the reader's language (`error` is its English text). */
  errorRef: MessageRef | null;
  createdAt: string;
  finishedAt: string | null;
  /** Rows read so far by a running preview or import (from its job), for the progress bar. */
  progressRows: number | null;
  /** Once every row is read: what the import is writing, step `index` of `of`. */
  progressWriting: WritingProgress | null;
  totalRowsEstimate: number | null;
}

const RUNNING: ImportStatus[] = ['PREVIEWING', 'QUEUED', 'RUNNING'];

/** One import as its page shows it, with live progress while a job works on it. */
export async function getImport({ actor, importId }: { actor: Actor; importId: unknown }): Promise<ImportView> {
  authorize(actor, 'imports.read');
  const batch = await inTenant(scopeOf(actor), async (tx) => {
    const found = await loadImport(tx, actor, importId);
    const creditor = await tx.creditor.findFirstOrThrow({ where: { tenantId: actor.tenantId, id: found.creditorId } });
    return { ...found, creditorName: creditor.name };
  });
  let progressRows: number | null = null;
  let progressWriting: ImportView['progressWriting'] = null;
  if (RUNNING.includes(batch.status)) {
    const jobs = await producer()
      .queue('imports')
      .getJobs(['active', 'waiting', 'delayed'], 0, 50)
      .catch(() => []);
    const job = jobs.find((j) => j?.data?.importId === batch.id);
    ({ rows: progressRows, writing: progressWriting } = readJobProgress(job?.progress));
  }
  return {
    id: batch.id,
    creditorId: batch.creditorId,
    creditorName: batch.creditorName,
    fileName: batch.fileName,
    format: batch.format,
    status: batch.status,
    mapping: (batch.mapping as ColumnMapping | null) ?? null,
    counts: (batch.counts as ImportSummary | null) ?? null,
    error: batch.error,
    errorRef: (batch.errorRef as MessageRef | null) ?? null,
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    progressRows,
    progressWriting,
    // A line of a receivable list is about 120 bytes; good enough for a bar until the preview counted rows.
    totalRowsEstimate:
      (batch.counts as ImportSummary | null)?.rows ?? Math.max(1, Math.round(Number(batch.fileSize) / 120)),
  };
}

/** The actor's recent imports (a creditor user: its own creditor's). */
export async function listImports({ actor }: { actor: Actor }) {
  authorize(actor, 'imports.read');
  return inTenant(scopeOf(actor), (tx) =>
    tx.importBatch.findMany({
      where: { tenantId: actor.tenantId, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: {
        id: true,
        fileName: true,
        status: true,
        counts: true,
        createdAt: true,
        source: true,
        creditor: { select: { name: true } },
      },
    }),
  );
}
