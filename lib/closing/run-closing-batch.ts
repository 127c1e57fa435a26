import { lockFilesById } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { refreshFiles } from '../workqueue/refresh';
import type { MailSender } from '../mail/transport';
import { applyClosing } from './apply-closing';
import { sendClosingBatchDigest } from './closing-batch-digest';
import { closingFactsOf } from './closing-facts';
import { closingRefusal, writtenOff, type BulkReason } from './rules';

/** Files closed per transaction: each chunk commits, so the page sees progress and a crash loses one chunk. */
export const BATCH_CHUNK = 25;

export interface BatchOutcome {
  closed: number;
  skipped: number;
}

/**
 * Closes the files of a bulk closing, chunk by chunk, each with the batch's reason and the same rules as one closing
 * (asked again per file: a payment or a plan may have come since the preview); a file the rules now refuse is
 * skipped. Idempotent: a file this batch already closed is passed over, and the counts are read back from the
 * closings recorded, so a job that runs twice or dies half-way ends with the same files closed and the same counts.
 * Once done, the creditor's users get one e-mail listing the files closed (lib/closing/closing-batch-digest.ts).
 */
export async function runClosingBatch({
  tenantId,
  batchId,
  now = () => new Date(),
  onProgress,
  mail,
}: {
  tenantId: string;
  batchId: string;
  now?: () => Date;
  onProgress?: (p: { done: number; total: number }) => Promise<unknown> | void;
  /** The creditor's e-mail once done (the capture server in tests); the configured SMTP by default. */
  mail?: MailSender;
}): Promise<BatchOutcome> {
  const batch = await inTenant({ tenantId }, (tx) => tx.closingBatch.findFirst({ where: { tenantId, id: batchId } }));
  if (!batch) return { closed: 0, skipped: 0 };
  const reason = batch.reason as BulkReason;
  const ids = batch.fileIds;
  let outcome: BatchOutcome = { closed: batch.closed, skipped: batch.skipped };
  // Done already (a retried job, or one that died after its last chunk): only the creditor's e-mail may be left.
  if (batch.status === 'DONE') {
    await sendClosingBatchDigest({ tenantId, batchId, now: now(), ...(mail ? { mail } : {}) });
    return outcome;
  }
  for (let start = 0; start < ids.length; start += BATCH_CHUNK) {
    const chunk = ids.slice(start, start + BATCH_CHUNK);
    outcome = await inTenant(
      { tenantId },
      async (tx) => {
        const clock = await agencyClock(tx, tenantId, now());
        const done = new Set(
          (
            await tx.fileClosing.findMany({
              where: { tenantId, batchId, fileId: { in: chunk } },
              select: { fileId: true },
            })
          ).map((c) => c.fileId),
        );
        for (const file of await lockFilesById(tx, tenantId, chunk)) {
          if (done.has(file.id)) continue;
          const facts = await closingFactsOf(tx, file, clock.today);
          const refusal = closingRefusal({
            ...facts,
            status: file.status,
            reason,
            hasEvidence: false,
            hasNote: batch.note !== null,
            today: clock.today,
          });
          if (refusal) continue;
          const owedCents = writtenOff(reason, facts.owedCents);
          const currency = file.currency.trim();
          const [row] = await tx.$queryRaw<{ id: string }[]>`
            INSERT INTO file_closing (tenant_id, file_id, reason, status, status_from, status_to, owed_cents,
                                      collected_cents, currency, note, batch_id, requested_by, requested_at,
                                      decided_by, decided_at)
            VALUES (${tenantId}::uuid, ${file.id}::uuid, ${reason}, 'CLOSED', ${file.status}::"FileStatus",
                    'WITHDRAWN'::"FileStatus", ${owedCents}, ${facts.collectedCents}, ${currency}, ${batch.note},
                    ${batchId}::uuid, ${batch.createdBy}::uuid, ${clock.now}, ${batch.createdBy}::uuid, ${clock.now})
            RETURNING id::text`;
          await applyClosing(tx, {
            file,
            closing: {
              id: row!.id,
              reason,
              note: batch.note,
              evidenceName: null,
              evidenceSha256: null,
              vatRateBps: 2000,
              owedCents,
              decidedBy: batch.createdBy,
              currency,
            },
            clock,
            by: batch.createdBy ? { membershipId: batch.createdBy } : null,
            decided: {
              kind: 'closing.decided',
              details: { reason, owedCents, currency, note: batch.note, bulk: true, closingId: row!.id, batchId },
            },
            audit: {
              action: 'closing.decided',
              entity: 'file_closing',
              entityId: row!.id,
              details: { reason, batchId },
            },
            mail: false,
          });
        }
        await refreshFiles(tx, tenantId, chunk, clock.today);
        const processed = Math.min(start + BATCH_CHUNK, ids.length);
        const closed = await tx.fileClosing.count({ where: { tenantId, batchId } });
        const last = processed === ids.length;
        await tx.closingBatch.update({
          where: { tenantId_id: { tenantId, id: batchId } },
          data: {
            closed,
            skipped: processed - closed,
            ...(last ? { status: 'DONE', finishedAt: clock.now } : {}),
          },
        });
        return { closed, skipped: processed - closed };
      },
      undefined,
      { timeoutMs: 120_000 },
    );
    await onProgress?.({ done: Math.min(start + BATCH_CHUNK, ids.length), total: ids.length });
  }
  // The creditor hears once, with the list, rather than once per file (each file's report waits in its portal).
  await sendClosingBatchDigest({ tenantId, batchId, now: now(), ...(mail ? { mail } : {}) });
  return outcome;
}
