import type pg from 'pg';
import type { z } from 'zod';
import { describeIssues } from '../../i18n/translate';
import type { RowIssue } from '../../i18n/message-ref';
import { rowIssues } from '../row-issues';
import { intakeItemParser, type IntakeField, type IntakeItem } from '../schemas';
import { MERGE_STEPS, mergeStage, type ImportCounts, type MergeStep, type MergeTarget } from './merge';
import { CopyWriter, STAGE_COPY, STAGE_DDL, rejectLine, stageLine } from './stage';

export interface SourceRow {
  rowNumber: number;
  values: Partial<Record<IntakeField, string | number>>;
}

/** What the merge is writing once every row is read: step `index` of `of`. */
export interface WritingProgress {
  step: MergeStep;
  index: number;
  of: number;
}

/** Rows read so far; once all are read, the step the merge is writing. */
export interface ImportProgress {
  rows: number;
  writing?: WritingProgress;
}

export interface RowOutcome {
  rowNumber: number;
  outcome: 'created' | 'duplicate' | 'rejected';
  reason: string | null;
  /** Why the row was refused, as catalogue references (the reason above is their English). */
  issues: RowIssue[] | null;
  fileReference: string | null;
  warnings: RowIssue[] | null;
}

interface Options {
  target: MergeTarget;
  rows: AsyncIterable<SourceRow>;
  /** The agency's calendar day: due dates after it are refused. */
  today: string;
  /** How a field is called in the creditor's file (its column header), for messages. */
  label?: (field: string) => string;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  progressEvery?: number;
  withOutcomes?: boolean;
  /** Work the merge must wait for, done beside the reading (the tables' statistics, see processImport). */
  beforeMerge?: Promise<unknown>;
}

/**
 * The one import path (upload, API, command line): validates each row with the intake schema while
 * streaming it into a staging table with COPY (memory stays flat), then merges set-wise. Runs inside
 * the caller's tenant transaction, so the import is all-or-nothing.
 */
export async function importRows(
  client: pg.PoolClient,
  {
    target,
    rows,
    today,
    label = (f) => f,
    onProgress,
    progressEvery = 5_000,
    withOutcomes = false,
    beforeMerge,
  }: Options,
): Promise<{ counts: ImportCounts; outcomes: RowOutcome[] }> {
  const schema = intakeItemParser(today);
  const t0 = performance.now();
  await client.query(STAGE_DDL);
  const copy = CopyWriter.open(client, STAGE_COPY);
  let read = 0;
  try {
    for await (const row of rows) {
      const parsed = schema.safeParse(row.values);
      const sending = copy.write(
        parsed.success ? accepted(row, parsed.data, label) : refused(row, parsed.error, label),
      );
      if (sending) await sending;
      read += 1;
      if (onProgress && read % progressEvery === 0) await onProgress({ rows: read });
    }
  } finally {
    await copy.end();
  }
  if (onProgress) await onProgress({ rows: read });
  if (process.env.DEBUG_IMPORT)
    console.log(((performance.now() - t0) / 1000).toFixed(2), `${read} rows read, checked and staged`);
  await beforeMerge;
  const counts = await mergeStage(client, target, (step) =>
    onProgress?.({ rows: read, writing: { step, index: MERGE_STEPS.indexOf(step) + 1, of: MERGE_STEPS.length } }),
  );
  const outcomes = withOutcomes ? await readOutcomes(client, target) : [];
  return { counts, outcomes };
}

/** An accepted row, with what it warns of under the creditor's own column headers. */
function accepted(row: SourceRow, item: IntakeItem, label: (field: string) => string): string {
  if (item.warnings.length === 0) return stageLine(row.rowNumber, item);
  return stageLine(
    row.rowNumber,
    item,
    item.warnings.map((w) => ({ field: w.field, label: label(w.field), key: w.key, values: w.values })),
  );
}

function refused(row: SourceRow, error: z.ZodError, label: (field: string) => string): string {
  const issues = rowIssues(error.issues, label);
  return rejectLine(row.rowNumber, describeIssues(issues), row.values, issues);
}

async function readOutcomes(client: pg.PoolClient, target: MergeTarget): Promise<RowOutcome[]> {
  const { rows } = await client.query<RowOutcome>(
    `SELECT s.row_number AS "rowNumber",
            CASE WHEN s.reason IS NOT NULL THEN 'rejected' ELSE coalesce(s.outcome, 'created') END AS outcome,
            s.reason, s.issues, s.warnings,
            (SELECT f.reference FROM claim c JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
              WHERE c.tenant_id = $1 AND c.creditor_id = $2 AND c.invoice_number = s.invoice_number
                AND s.reason IS NULL) AS "fileReference"
       FROM import_stage s ORDER BY s.row_number`,
    [target.tenantId, target.creditorId],
  );
  return rows;
}
