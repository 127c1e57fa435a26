import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { Download } from '../http/download';
import { openStream, sizeOf } from '../storage/files';
import { readStored } from '../storage/documents';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { agencyClock } from '../dates/agency-clock';
import { lastMonths, reasonsChart, type ClosingReason, type ReasonsChart, type ReopenReason } from './rules';
import { closingThreshold } from './closing-facts';
import { CLOSING_MESSAGES, batchRefSchema } from './schemas';
import { z } from 'zod';

// What the closing screens read: a file's decisions and reopenings, the decisions waiting for a manager, the agency's
// threshold, and the documents (report, certificate, evidence) for download.

export interface ClosingView {
  id: string;
  reason: ClosingReason;
  status: 'PENDING' | 'CLOSED' | 'REFUSED';
  owedCents: number;
  collectedCents: number;
  currency: string;
  note: string | null;
  evidenceName: string | null;
  requestedAt: Date;
  requestedBy: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
  hasReport: boolean;
  hasCertificate: boolean;
}

export interface ReopeningView {
  id: string;
  reason: ReopenReason;
  note: string;
  reopenedAt: Date;
  reopenedBy: string | null;
}

const fileIdSchema = z.object({ fileId: z.uuid({ error: CLOSING_MESSAGES.fileId }) });

/** A file's closings and reopenings, newest first; another agency's or creditor's file reads as nothing. */
export async function fileClosings(
  actor: Actor,
  fileId: string,
): Promise<{ closings: ClosingView[]; reopenings: ReopeningView[] }> {
  authorize(actor, 'files.read');
  parseInput(fileIdSchema, { fileId });
  return inTenant(scopeOf(actor), async (tx) => {
    const creditorId = actor.creditorId;
    const closings = await tx.$queryRaw<
      (Omit<ClosingView, 'owedCents' | 'collectedCents'> & { owed: bigint; collected: bigint })[]
    >`
      SELECT c.id::text, c.reason, c.status, c.owed_cents AS owed, c.collected_cents AS collected, trim(c.currency) AS currency,
             c.note, c.evidence_name AS "evidenceName", c.requested_at AS "requestedAt", ri.name AS "requestedBy",
             c.decided_at AS "decidedAt", di.name AS "decidedBy", c.decision_note AS "decisionNote",
             c.report_document_id IS NOT NULL AS "hasReport", c.certificate_document_id IS NOT NULL AS "hasCertificate"
        FROM file_closing c
        JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
        LEFT JOIN membership rm ON rm.tenant_id = c.tenant_id AND rm.id = c.requested_by
        LEFT JOIN identity ri ON ri.id = rm.identity_id
        LEFT JOIN membership dm ON dm.tenant_id = c.tenant_id AND dm.id = c.decided_by
        LEFT JOIN identity di ON di.id = dm.identity_id
       WHERE c.tenant_id = ${actor.tenantId}::uuid AND c.file_id = ${fileId}::uuid
         AND (${creditorId}::uuid IS NULL OR f.creditor_id = ${creditorId}::uuid)
       ORDER BY c.requested_at DESC`;
    const reopenings = await tx.$queryRaw<ReopeningView[]>`
      SELECT r.id::text, r.reason, r.note, r.reopened_at AS "reopenedAt", i.name AS "reopenedBy"
        FROM file_reopening r
        JOIN case_file f ON f.tenant_id = r.tenant_id AND f.id = r.file_id
        LEFT JOIN membership m ON m.tenant_id = r.tenant_id AND m.id = r.reopened_by
        LEFT JOIN identity i ON i.id = m.identity_id
       WHERE r.tenant_id = ${actor.tenantId}::uuid AND r.file_id = ${fileId}::uuid
         AND (${creditorId}::uuid IS NULL OR f.creditor_id = ${creditorId}::uuid)
       ORDER BY r.reopened_at DESC`;
    return {
      closings: closings.map(({ owed, collected, ...c }) => ({
        ...c,
        owedCents: Number(owed),
        collectedCents: Number(collected),
      })),
      reopenings,
    };
  });
}

export interface PendingClosing {
  id: string;
  fileId: string;
  reference: string;
  debtorName: string;
  creditorName: string;
  reason: ClosingReason;
  owedCents: number;
  currency: string;
  note: string | null;
  evidenceName: string | null;
  requestedAt: Date;
  requestedBy: string | null;
}

/** The agents' closings waiting for a manager, oldest first. */
export async function pendingClosings(actor: Actor): Promise<PendingClosing[]> {
  authorize(actor, 'closings.approve');
  return inTenant(scopeOf(actor), async (tx) => {
    const rows = await tx.$queryRaw<(Omit<PendingClosing, 'owedCents'> & { owed: bigint })[]>`
      SELECT c.id::text, c.file_id::text AS "fileId", f.reference, d.display_name AS "debtorName",
             cr.name AS "creditorName", c.reason, c.owed_cents AS owed, trim(c.currency) AS currency, c.note,
             c.evidence_name AS "evidenceName", c.requested_at AS "requestedAt", i.name AS "requestedBy"
        FROM file_closing c
        JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
        JOIN creditor cr ON cr.tenant_id = f.tenant_id AND cr.id = f.creditor_id
        LEFT JOIN membership m ON m.tenant_id = c.tenant_id AND m.id = c.requested_by
        LEFT JOIN identity i ON i.id = m.identity_id
       WHERE c.tenant_id = ${actor.tenantId}::uuid AND c.status = 'PENDING'
       ORDER BY c.requested_at
       LIMIT 200`;
    return rows.map(({ owed, ...r }) => ({ ...r, owedCents: Number(owed) }));
  });
}

/** The agency's threshold above which an agent's closing waits for a manager, in cents. */
export async function closingSettings(actor: Actor): Promise<{ thresholdCents: number }> {
  authorize(actor, 'closings.settings');
  return inTenant(scopeOf(actor), async (tx) => ({ thresholdCents: await closingThreshold(tx, actor.tenantId) }));
}

export type ClosingDocumentKind = 'report' | 'certificate' | 'evidence';

/**
 * The last closing's report, certificate or evidence of a file, for download (the file page and the creditor's
 * portal). Another agency's or creditor's file, or a document the file does not have, is a 404; each download is
 * audited.
 */
export async function closingDocument({
  actor,
  fileId,
  kind,
  ip,
}: {
  actor: Actor;
  fileId: string;
  kind: ClosingDocumentKind;
  ip?: string;
}): Promise<Download> {
  authorize(actor, 'files.read');
  parseInput(fileIdSchema, { fileId });
  const found = await inTenant(scopeOf(actor), async (tx) => {
    const creditorId = actor.creditorId;
    const [row] = await tx.$queryRaw<
      {
        id: string;
        reference: string;
        reportKey: string | null;
        certificateKey: string | null;
        evidenceKey: string | null;
        evidenceName: string | null;
      }[]
    >`
      SELECT c.id::text, f.reference, r.storage_key AS "reportKey", ce.storage_key AS "certificateKey",
             c.evidence_key AS "evidenceKey", c.evidence_name AS "evidenceName"
        FROM file_closing c
        JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
        LEFT JOIN document r ON r.tenant_id = c.tenant_id AND r.id = c.report_document_id
        LEFT JOIN document ce ON ce.tenant_id = c.tenant_id AND ce.id = c.certificate_document_id
       WHERE c.tenant_id = ${actor.tenantId}::uuid AND c.file_id = ${fileId}::uuid
         AND (${creditorId}::uuid IS NULL OR f.creditor_id = ${creditorId}::uuid)
         AND (${kind} = 'evidence' OR c.status = 'CLOSED')
       ORDER BY c.requested_at DESC
       LIMIT 1`;
    if (!row) throw AppError.notFound();
    const key = kind === 'report' ? row.reportKey : kind === 'certificate' ? row.certificateKey : row.evidenceKey;
    if (!key) throw AppError.notFound();
    await recordAudit(tx, actor, {
      action: `closing.${kind}_downloaded`,
      entity: 'file_closing',
      entityId: row.id,
      ip,
      details: { fileId },
    });
    const name =
      kind === 'report'
        ? `rapport-cloture-${row.reference}.pdf`
        : kind === 'certificate'
          ? `attestation-irrecouvrabilite-${row.reference}.pdf`
          : (row.evidenceName ?? 'piece.pdf');
    return { key, name };
  });
  if (kind === 'evidence') {
    const size = await sizeOf(found.key).catch(() => {
      throw AppError.notFound();
    });
    return { name: found.name, contentType: contentTypeOf(found.name), size, body: await openStream(found.key) };
  }
  const pdf = await readStored(found.key).catch(() => {
    throw AppError.notFound();
  });
  return { name: found.name, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
}

function contentTypeOf(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.png')
    ? 'image/png'
    : n.endsWith('.jpg') || n.endsWith('.jpeg')
      ? 'image/jpeg'
      : 'application/pdf';
}

export interface BatchProgress {
  id: string;
  status: 'RUNNING' | 'DONE';
  reason: string;
  total: number;
  closed: number;
  skipped: number;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A bulk closing's progress; another agency's batch is not found. */
export async function batchProgress(actor: Actor, batchId: string): Promise<BatchProgress> {
  authorize(actor, 'closings.bulk');
  const { batchId: id } = parseInput(batchRefSchema, { batchId });
  return inTenant(scopeOf(actor), async (tx) => {
    const b = await tx.closingBatch.findFirst({ where: { tenantId: actor.tenantId, id } });
    if (!b) throw AppError.notFound();
    return {
      id: b.id,
      status: b.status as BatchProgress['status'],
      reason: b.reason,
      total: b.fileIds.length,
      closed: b.closed,
      skipped: b.skipped,
      createdAt: b.createdAt,
      finishedAt: b.finishedAt,
    };
  });
}

/** The agency's recent bulk closings, newest first. */
export async function recentBatches(actor: Actor): Promise<(BatchProgress & { creditorName: string })[]> {
  authorize(actor, 'closings.bulk');
  return inTenant(scopeOf(actor), async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: string;
        status: BatchProgress['status'];
        reason: string;
        total: number;
        closed: number;
        skipped: number;
        createdAt: Date;
        finishedAt: Date | null;
        creditorName: string;
      }[]
    >`
      SELECT b.id::text, b.status, b.reason, cardinality(b.file_ids) AS total, b.closed, b.skipped,
             b.created_at AS "createdAt", b.finished_at AS "finishedAt", c.name AS "creditorName"
        FROM closing_batch b JOIN creditor c ON c.tenant_id = b.tenant_id AND c.id = b.creditor_id
       WHERE b.tenant_id = ${actor.tenantId}::uuid
       ORDER BY b.created_at DESC LIMIT 10`;
    return rows;
  });
}

/** The agency's creditors, for the bulk closing's choice. */
export async function closingCreditors(actor: Actor): Promise<{ id: string; name: string }[]> {
  authorize(actor, 'closings.bulk');
  return inTenant(scopeOf(actor), (tx) =>
    tx.creditor.findMany({
      where: { tenantId: actor.tenantId },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
  );
}

/** The months the closings page's chart covers, the current one included. */
export const REASON_MONTHS = 12;

const reasonsFilterSchema = z.object({
  creditorId: z.uuid({ error: CLOSING_MESSAGES.creditorId }).optional(),
});

/**
 * Closing reasons by creditor and month (issue 16), from the summary tables (closing_fact, decision 0003: kept by the
 * reports worker from the decided closings, the month of each decision in the agency's calendar) for the last twelve
 * months, optionally one creditor's: a manager's view, like the closings page.
 */
export async function closingReasons({
  actor,
  input,
  now = new Date(),
}: {
  actor: Actor;
  input: unknown;
  now?: Date;
}): Promise<ReasonsChart & { creditorId: string | null }> {
  authorize(actor, 'closings.approve');
  const { creditorId } = parseInput(reasonsFilterSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const months = lastMonths(clock.today, REASON_MONTHS);
    const rows = await tx.$queryRaw<
      { month: string; creditorId: string; creditorName: string; reason: ClosingReason; closings: number }[]
    >`
      SELECT to_char(c.month, 'YYYY-MM') AS month, c.creditor_id::text AS "creditorId", cr.name AS "creditorName",
             c.reason, c.closings
        FROM closing_fact c
        JOIN creditor cr ON cr.tenant_id = c.tenant_id AND cr.id = c.creditor_id
       WHERE c.tenant_id = ${actor.tenantId}::uuid AND c.month >= ${`${months[0]}-01`}::date
         AND (${creditorId ?? null}::uuid IS NULL OR c.creditor_id = ${creditorId ?? null}::uuid)`;
    return { ...reasonsChart(rows, months), creditorId: creditorId ?? null };
  });
}
