import { lockFile, saveFile, transitionRefusal } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import type { FileStatus } from '../db/generated/enums';
import { AppError, codeRef } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { applyClosing } from './apply-closing';
import { closingFactsOf, closingThreshold } from './closing-facts';
import { discardEvidence, storeEvidence, type EvidenceUpload } from './evidence';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { CLOSING_STATUS, closingRefusal, needsApproval, writtenOff, type ClosingReason } from './rules';
import { CLOSING_MESSAGES, closeFileSchema } from './schemas';

export interface CloseFileOptions {
  actor: Actor;
  /** closeFileSchema: the file and the version read, the reason, a note, the invoices' VAT rate. */
  input: unknown;
  evidence?: EvidenceUpload | null;
  ip?: string;
  now?: Date;
}

export interface CloseFileResult {
  fileId: string;
  closingId: string;
  /** CLOSED at once, or PENDING a manager's approval (an agent's closing above the agency's threshold). */
  outcome: 'CLOSED' | 'PENDING';
  version: number;
  status: string;
}

/** A refusal of the rules as the error a person reads: the transition table's own, or the closing module's. */
export function closeFileError(
  refusal: NonNullable<ReturnType<typeof closingRefusal>>,
  file: { reference: string; status: FileStatus },
  reason: ClosingReason,
): AppError {
  const key = CLOSING_MESSAGES[refusal as keyof typeof CLOSING_MESSAGES];
  if (typeof key === 'string') return new AppError('CONFLICT', { key, values: { reference: file.reference } });
  return transitionRefusal(file, CLOSING_STATUS[reason]) ?? new AppError('CONFLICT', codeRef('CONFLICT'));
}

async function requireVisibleFile(actor: Actor, input: unknown): Promise<void> {
  const { fileId } = parseInput(closeFileSchema.pick({ fileId: true }), input);
  const found = await inTenant(scopeOf(actor), (tx) =>
    tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id: fileId, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      select: { id: true },
    }),
  );
  if (!found) throw AppError.notFound();
}

/**
 * Closes a file for a reason of the fixed list (lib/closing/rules.ts), with its evidence: the creditor's written
 * agreement to a settlement for less, the judgment closing an insolvency, a death certificate. A manager's or an
 * admin's closing, or an agent's that writes off no more than the agency's threshold, closes the file now: status,
 * timeline, scenario stopped, report (and certificate) to the creditor. An agent's above the threshold is recorded
 * PENDING, on the timeline, until a manager decides (lib/closing/decide-closing.ts). The decision and its evidence
 * are kept (file_closing, append-only but for the outcome of a pending one).
 */
export async function closeFile({
  actor,
  input,
  evidence,
  ip,
  now = new Date(),
}: CloseFileOptions): Promise<CloseFileResult> {
  authorize(actor, 'files.work');
  // Nothing is validated, and nothing reaches storage, for a file the actor cannot see: that is a 404 first.
  await requireVisibleFile(actor, input);
  const { fileId, expectedVersion, reason, note, vatRate } = parseInput(closeFileSchema, input);
  const stored = await storeEvidence(actor.tenantId, evidence ?? null);
  try {
    const result = await inTenant(
      scopeOf(actor),
      async (tx) => {
        const clock = await agencyClock(tx, actor.tenantId, now);
        const file = await lockFile(tx, actor, fileId, expectedVersion, clock);
        const facts = await closingFactsOf(tx, file, clock.today);
        const refusal = closingRefusal({
          ...facts,
          status: file.status,
          reason,
          hasEvidence: stored !== null,
          hasNote: note !== null,
          today: clock.today,
        });
        if (refusal) throw closeFileError(refusal, file, reason);
        const owedCents = writtenOff(reason, facts.owedCents);
        const pending = needsApproval(actor.role, owedCents, await closingThreshold(tx, actor.tenantId));
        const currency = file.currency.trim();
        const [row] = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO file_closing (tenant_id, file_id, reason, status, status_from, status_to, owed_cents,
                                  collected_cents, currency, note, evidence_name, evidence_key, evidence_sha256,
                                  evidence_size, vat_rate_bps, requested_by, requested_at, decided_by, decided_at)
        VALUES (${actor.tenantId}::uuid, ${file.id}::uuid, ${reason}, ${pending ? 'PENDING' : 'CLOSED'},
                ${file.status}::"FileStatus", ${CLOSING_STATUS[reason]}::"FileStatus", ${owedCents},
                ${facts.collectedCents}, ${currency}, ${note}, ${stored?.name ?? null}, ${stored?.key ?? null},
                ${stored?.sha256 ?? null}, ${stored?.size ?? null}, ${vatRate}, ${actor.membershipId}::uuid, ${now},
                ${pending ? null : actor.membershipId}::uuid, ${pending ? null : now})
        RETURNING id::text`;
        const closingId = row!.id;
        const by = { membershipId: actor.membershipId, ip };
        const audit = {
          action: pending ? 'closing.requested' : 'closing.decided',
          entity: 'file_closing',
          entityId: closingId,
          details: { reason, owedCents, evidenceSha256: stored?.sha256 ?? null },
        };
        if (pending) {
          const { version } = await saveFile(
            tx,
            file,
            {},
            { by, lines: [{ kind: 'closing.requested', details: { reason, owedCents, currency, note } }], audit },
            now,
          );
          return { fileId, closingId, outcome: 'PENDING' as const, version, status: file.status, messageIds: [] };
        }
        const applied = await applyClosing(tx, {
          file,
          closing: {
            id: closingId,
            reason,
            note,
            evidenceName: stored?.name ?? null,
            evidenceSha256: stored?.sha256 ?? null,
            vatRateBps: vatRate,
            owedCents,
            decidedBy: actor.membershipId,
            currency,
          },
          clock,
          by,
          decided: {
            kind: 'closing.decided',
            details: { reason, owedCents, currency, note, evidenceName: stored?.name ?? null, closingId },
          },
          audit,
        });
        await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
        return {
          fileId,
          closingId,
          outcome: 'CLOSED' as const,
          version: applied.version,
          status: file.status,
          messageIds: applied.messageIds,
        };
      },
      undefined,
      { timeoutMs: 30_000 },
    );
    await sendAfterCommit(actor.tenantId, result.messageIds, 'closing report e-mail');
    const { messageIds: _sent, ...answer } = result;
    return answer;
  } catch (error) {
    await discardEvidence(stored);
    throw error;
  }
}
