import type pg from 'pg';

// The import path reads and writes its import_batch row with plain pg, inside the caller's tenant transaction
// (inTenantRaw): the rows themselves go through COPY on such a connection anyway, and loading Prisma's query
// engine for these few statements cost the command line's process about 90 MB and half a second.

export interface StoredImport {
  status: string;
  counts: unknown;
  creditorId: string;
  creditorName: string;
  fileKey: string | null;
  fileName: string;
  mapping: unknown;
  /** The agency's time zone: its calendar day decides which due dates are in the future. */
  timeZone: string;
}

export async function loadImport(client: pg.ClientBase, tenantId: string, importId: string) {
  const { rows } = await client.query<StoredImport>(
    `SELECT b.status, b.counts, b.creditor_id AS "creditorId", c.name AS "creditorName", b.file_key AS "fileKey",
            b.file_name AS "fileName", b.mapping, a.time_zone AS "timeZone"
       FROM import_batch b
       JOIN creditor c ON c.tenant_id = b.tenant_id AND c.id = b.creditor_id
       JOIN agency a ON a.id = b.tenant_id
      WHERE b.tenant_id = $1 AND b.id = $2`,
    [tenantId, importId],
  );
  return rows[0] ?? null;
}

export interface StatusChange {
  status: 'QUEUED' | 'RUNNING' | 'PREVIEWED' | 'DONE' | 'REFUSED';
  /** Only when the import is in this status (a retry must not take a finished import back). */
  from?: string;
  counts?: unknown;
  error?: string;
  errorRef?: unknown;
  finished?: boolean;
}

/** Sets the status; fields left undefined keep their value. */
export async function setImportStatus(
  client: pg.ClientBase,
  tenantId: string,
  importId: string,
  { status, from, counts, error, errorRef, finished = false }: StatusChange,
): Promise<void> {
  await client.query(
    `UPDATE import_batch
        SET status = $3::"ImportStatus", counts = coalesce($5::jsonb, counts), error = coalesce($6, error),
            error_ref = coalesce($7::jsonb, error_ref), finished_at = CASE WHEN $8 THEN now() ELSE finished_at END
      WHERE tenant_id = $1 AND id = $2 AND ($4::"ImportStatus" IS NULL OR status = $4::"ImportStatus")`,
    [
      tenantId,
      importId,
      status,
      from ?? null,
      counts === undefined ? null : JSON.stringify(counts),
      error ?? null,
      errorRef === undefined ? null : JSON.stringify(errorRef),
      finished,
    ],
  );
}

export interface NewCommandImport {
  tenantId: string;
  creditorId: string;
  fileName: string;
  fileSize: number;
  format: string;
  mapping: unknown;
}

/** The import_batch row of `npm run import`, queued: processImport takes it from there. */
export async function createCommandImport(client: pg.ClientBase, batch: NewCommandImport): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO import_batch (tenant_id, creditor_id, source, file_name, file_size, format, mapping, status)
     VALUES ($1, $2, 'CLI', $3, $4, $5, $6::jsonb, 'QUEUED') RETURNING id`,
    [batch.tenantId, batch.creditorId, batch.fileName, batch.fileSize, batch.format, JSON.stringify(batch.mapping)],
  );
  return rows[0]!.id;
}
