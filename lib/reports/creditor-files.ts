import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { inTenantRaw, pgTx } from '../db/raw';
import type { FilePhase, FileStatus } from '../db/generated/enums';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { can } from '../tenancy/permissions';
import type { SqlClient } from './source';
import type { Sheet } from './xlsx';

// A creditor's files one by one, with what was recovered on each (from the per-file summary rows): the list
// a creditor reads in its portal and downloads, and a manager downloads for a creditor.

export interface CreditorFile {
  id: string;
  reference: string;
  debtorName: string;
  placedOn: string;
  phase: FilePhase;
  status: FileStatus;
  closedOn: string | null;
  placedCents: number;
  recoveredCents: number;
  collectedCents: number;
  outstandingCents: number;
}

export interface CreditorFilesPage {
  creditor: { id: string; name: string };
  items: CreditorFile[];
  total: number;
  page: number;
  pageSize: number;
}

const pageSchema = z
  .object({
    page: z.coerce
      .number({ error: 'errors.field.number' })
      .int('errors.field.wholeNumber')
      .min(1)
      .max(100_000)
      .default(1),
    pageSize: z.coerce
      .number({ error: 'errors.field.number' })
      .int('errors.field.wholeNumber')
      .min(1)
      .max(100)
      .default(25),
  })
  .strict();

/** Managers read any creditor of the agency; a creditor's users their own only. Anything else is not found. */
async function creditorInReach(
  client: SqlClient,
  actor: Actor,
  creditorId: string,
): Promise<{ id: string; name: string }> {
  const allowed = actor.creditorId ? actor.creditorId === creditorId : can(actor, 'dashboards.read');
  if (!allowed || !z.uuid().safeParse(creditorId).success) throw AppError.notFound();
  const { rows } = await client.query<{ id: string; name: string }>(
    'SELECT id, name FROM creditor WHERE tenant_id = $1 AND id = $2',
    [actor.tenantId, creditorId],
  );
  if (!rows[0]) throw AppError.notFound();
  return rows[0];
}

const FILES_SQL = `
  SELECT f.id, f.reference, d.display_name AS debtor_name,
         to_char(f.placed_at AT TIME ZONE a.time_zone, 'YYYY-MM-DD') AS placed_on,
         f.phase::text AS phase, f.status::text AS status,
         to_char(f.closed_at AT TIME ZONE a.time_zone, 'YYYY-MM-DD') AS closed_on,
         f.principal_cents AS placed_cents,
         coalesce(r.recovered, 0) AS recovered_cents, coalesce(r.collected, 0) AS collected_cents
    FROM case_file f
    JOIN agency a ON a.id = f.tenant_id
    JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
    LEFT JOIN (SELECT file_id, sum(recovered_cents) AS recovered, sum(collected_cents) AS collected
                 FROM report_file_placement WHERE tenant_id = $1 AND creditor_id = $2 GROUP BY file_id) r
           ON r.file_id = f.id
   WHERE f.tenant_id = $1 AND f.creditor_id = $2`;

function toFile(r: Record<string, unknown>): CreditorFile {
  const placed = Number(r.placed_cents);
  const recovered = Number(r.recovered_cents);
  return {
    id: String(r.id),
    reference: String(r.reference),
    debtorName: String(r.debtor_name),
    placedOn: String(r.placed_on),
    phase: r.phase as FilePhase,
    status: r.status as FileStatus,
    closedOn: (r.closed_on as string | null) ?? null,
    placedCents: placed,
    recoveredCents: recovered,
    collectedCents: Number(r.collected_cents),
    outstandingCents: r.phase === 'CLOSED' ? 0 : Math.max(0, placed - recovered),
  };
}

export async function creditorFiles({
  actor,
  creditorId,
  query = {},
}: {
  actor: Actor;
  creditorId: string;
  query?: Record<string, string>;
}): Promise<CreditorFilesPage> {
  const { page, pageSize } = parseInput(pageSchema, query);
  return inTenantRaw(scopeOf(actor), async (client) => {
    const creditor = await creditorInReach(client, actor, creditorId);
    const total = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM case_file WHERE tenant_id = $1 AND creditor_id = $2',
      [actor.tenantId, creditor.id],
    );
    const { rows } = await client.query(`${FILES_SQL} ORDER BY f.placed_at DESC, f.reference LIMIT $3 OFFSET $4`, [
      actor.tenantId,
      creditor.id,
      pageSize,
      (page - 1) * pageSize,
    ]);
    return { creditor, items: rows.map(toFile), total: total.rows[0]!.n, page, pageSize };
  });
}

export interface FileListLabels {
  columns: Record<
    | 'reference'
    | 'debtor'
    | 'placedOn'
    | 'phase'
    | 'status'
    | 'closedOn'
    | 'placed'
    | 'recovered'
    | 'collected'
    | 'outstanding',
    string
  >;
  phase(p: string): string;
  status(s: string): string;
}

const PAGE = 5_000;

/** Every file of the creditor as one sheet, read a page at a time (by reference) to bound memory. */
export async function creditorFilesSheet({
  actor,
  creditorId,
  labels,
  ip,
}: {
  actor: Actor;
  creditorId: string;
  labels: FileListLabels;
  /** Where the export was asked from: it names every debtor of the creditor, so it is audited (once, by creditor). */
  ip?: string;
}): Promise<{ creditor: { id: string; name: string }; sheet: Sheet }> {
  const c = labels.columns;
  const rows: (string | number | null)[][] = [];
  let creditor = { id: creditorId, name: '' };
  let after = '';
  for (;;) {
    const batch = await inTenantRaw(scopeOf(actor), async (client) => {
      creditor = await creditorInReach(client, actor, creditorId);
      if (after === '') {
        await recordAudit(pgTx(client), actor, {
          action: 'creditor_files.exported',
          entity: 'creditor',
          entityId: creditor.id,
          ip,
        });
      }
      const { rows: page } = await client.query(
        `${FILES_SQL} AND f.reference > $3 ORDER BY f.reference LIMIT ${PAGE}`,
        [actor.tenantId, creditor.id, after],
      );
      return page.map(toFile);
    });
    for (const f of batch) {
      rows.push([
        f.reference,
        f.debtorName,
        f.placedOn,
        labels.phase(f.phase),
        labels.status(f.status),
        f.closedOn,
        f.placedCents,
        f.recoveredCents,
        f.collectedCents,
        f.outstandingCents,
      ]);
    }
    if (batch.length < PAGE) break;
    after = batch.at(-1)!.reference;
  }
  return {
    creditor,
    sheet: {
      name: creditor.name,
      columns: [
        { header: c.reference, format: 'text' },
        { header: c.debtor, format: 'text' },
        { header: c.placedOn, format: 'text' },
        { header: c.phase, format: 'text' },
        { header: c.status, format: 'text' },
        { header: c.closedOn, format: 'text' },
        { header: c.placed, format: 'money' },
        { header: c.recovered, format: 'money' },
        { header: c.collected, format: 'money' },
        { header: c.outstanding, format: 'money' },
      ],
      rows,
    },
  };
}
