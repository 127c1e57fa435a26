import { dayIn } from '../dates/days';
import { requireActiveMandate } from '../creditors/require-active-mandate';
import { analyzeStaleTables } from '../db/planner-stats';
import { importPool, inTenantRaw, pgTx } from '../db/raw';
import { AppError } from '../errors/app-error';
import { openLocalCopy } from '../storage/files';
import { applyMapping } from './columns';
import { loadImport, setImportStatus, type StatusChange } from './import-batch-sql';
import type { ColumnMapping } from './import-schemas';
import { importRows, type ImportProgress, type SourceRow } from './pipeline/import-rows';
import type { ImportCounts } from './pipeline/merge';
import { openRows } from './read';
import { translate } from '../i18n/translate';
import type { RowIssue } from '../i18n/message-ref';

export interface ProcessImportOptions {
  tenantId: string;
  importId: string;
  mode: 'preview' | 'commit';
  /** The command line reads the operator's file where it is instead of from storage. */
  sourcePath?: string;
  onProgress?: (progress: ImportProgress) => Promise<void> | void;
}

export type ImportSummary = Omit<ImportCounts, 'warned'> & {
  /** Absent from imports run before warnings existed. */
  warned?: number;
  sample?: { rowNumber: number; reason: string; issues?: RowIssue[] | null }[];
  /** The first rows placed with a warning, shown apart from the refused ones. */
  warningSample?: { rowNumber: number; issues: RowIssue[] }[];
};

const ALL_REFUSED = { key: 'file.allRowsRefused' };

/**
 * Runs a stored import (job imports/process). Preview computes exact counts and rolls back; commit writes
 * everything and marks the import DONE in the same transaction, so a crash or a retry imports it once.
 * A file refused as a whole (bad format, no mandate) ends REFUSED with the reason and writes nothing.
 */
export async function processImport({ tenantId, importId, mode, sourcePath, onProgress }: ProcessImportOptions) {
  const batch = await inTenantRaw({ tenantId }, (client) => loadImport(client, tenantId, importId));
  if (!batch) throw AppError.notFound();
  const today = dayIn(batch.timeZone);
  if (batch.status === 'DONE' || batch.status === 'REFUSED') return { status: batch.status, counts: batch.counts };
  // A preview job delivered late (after the user confirmed) must not take the import back to PREVIEWED.
  if (mode === 'preview' && batch.status !== 'PREVIEWING') return { status: batch.status, counts: batch.counts };

  // The stored upload as a local file while its rows are read (a copy when the storage is a bucket).
  let copy: Awaited<ReturnType<typeof openLocalCopy>> | null = null;
  try {
    const mandate = await inTenantRaw({ tenantId }, (client) =>
      requireActiveMandate(pgTx(client), { tenantId, creditorId: batch.creditorId, today }),
    );
    copy = sourcePath ? null : await openLocalCopy(batch.fileKey!);
    const file = await openRows({ path: sourcePath ?? copy!.path, fileName: batch.fileName });
    const mapping = (batch.mapping ?? {}) as ColumnMapping;
    const label = (field: string) => file.headers[mapping[field as keyof ColumnMapping] ?? -1] ?? field;
    const rows = (async function* (): AsyncGenerator<SourceRow> {
      for await (const row of file.rows) yield { rowNumber: row.rowNumber, values: applyMapping(row.cells, mapping) };
    })();
    if (mode === 'commit') {
      // Visible while the import's own transaction is still open; a crash leaves RUNNING and the retry resumes.
      await inTenantRaw({ tenantId }, (client) =>
        setImportStatus(client, tenantId, importId, { status: 'RUNNING', from: 'QUEUED' }),
      );
    }
    const target = {
      tenantId,
      creditorId: batch.creditorId,
      creditorName: batch.creditorName,
      mandateId: mandate.id,
      importId,
    };

    // The merge's plans follow the tables' statistics: where autovacuum lags behind earlier imports, it would plan
    // for tables a fraction of their size. On its own connection, outside the import's transaction (no lock held
    // while it runs), and while the rows are read: reading keeps node busy and leaves the database mostly idle.
    const a0 = performance.now();
    const analyzing = analyzeStaleTables().then((analyzed) => {
      if (process.env.DEBUG_IMPORT)
        console.log(((performance.now() - a0) / 1000).toFixed(2), 'analyzed', analyzed.join(' '));
    });
    analyzing.catch(() => {}); // awaited before the merge; an import refused earlier must not leave it unhandled
    const summary = await inTenantRaw(
      { tenantId },
      async (client) => {
        // Serialises two deliveries of the same job: the second waits, then sees DONE and stops.
        const { rows: locked } = await client.query<{ status: string }>(
          'SELECT status FROM import_batch WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
          [tenantId, importId],
        );
        if (locked[0]?.status === 'DONE') return null;
        const { counts } = await importRows(client, {
          target,
          rows,
          today,
          label,
          onProgress,
          beforeMerge: analyzing,
        });
        const { rows: sample } = await client.query<{ rowNumber: number; reason: string; issues: RowIssue[] | null }>(
          `SELECT row_number AS "rowNumber", reason, issues FROM import_stage
            WHERE reason IS NOT NULL ORDER BY row_number LIMIT 20`,
        );
        const { rows: warningSample } = await client.query<{ rowNumber: number; issues: RowIssue[] }>(
          `SELECT row_number AS "rowNumber", warnings AS issues FROM import_stage
            WHERE warnings IS NOT NULL AND reason IS NULL ORDER BY row_number LIMIT 20`,
        );
        const result: ImportSummary = { ...counts, sample, warningSample };
        const refused = counts.rows > 0 && counts.rejected === counts.rows;
        if (mode === 'commit') {
          await client.query(
            `UPDATE import_batch SET status = $3, counts = $4, finished_at = now(), error = $5, error_ref = $6
              WHERE tenant_id = $1 AND id = $2`,
            [
              tenantId,
              importId,
              refused ? 'REFUSED' : 'DONE',
              result,
              refused ? translate(ALL_REFUSED) : null,
              refused ? ALL_REFUSED : null,
            ],
          );
        }
        return result;
      },
      // The merge runs as the import role, the only one allowed to turn row checks off (lib/db/raw.ts).
      { rollback: mode === 'preview', pool: importPool() },
    );
    if (mode === 'preview' && summary) {
      await setStatus(tenantId, importId, { status: 'PREVIEWED', counts: summary });
    }
    return { status: mode === 'preview' ? 'PREVIEWED' : 'DONE', counts: summary };
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID') {
      await setStatus(tenantId, importId, {
        status: 'REFUSED',
        error: error.message,
        errorRef: error.ref ? { ...error.ref } : undefined,
        finished: true,
      });
      return { status: 'REFUSED', error: error.message };
    }
    throw error;
  } finally {
    await copy?.release();
  }
}

async function setStatus(tenantId: string, importId: string, change: StatusChange) {
  await inTenantRaw({ tenantId }, (client) => setImportStatus(client, tenantId, importId, change));
}
