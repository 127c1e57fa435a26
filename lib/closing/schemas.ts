import { z } from 'zod';
import { catalogueKeys } from '../errors/keys';
import { money, optional } from '../forms/fields';
import { FILE_FORM_MESSAGES, NOTE_MAX, optionalText, text, uuid, version } from '../cases/file-form-fields';
import { BULK_REASONS, CLOSING_REASONS, REOPEN_REASONS } from './rules';

/** Every refusal of the closing module, as catalogue keys (`closing.errors.<name>`). Client components may import it. */
export const CLOSING_MESSAGES = {
  ...FILE_FORM_MESSAGES,
  ...catalogueKeys('closing.errors', [
    'reason',
    'reopenReason',
    'reopenReasonNotFit',
    'decision',
    'closingId',
    'vatRate',
    'threshold',
    'creditorId',
    'fileIds',
    'evidenceType',
    'evidenceTooLarge',
    'evidenceName',
    'decided',
    'noClosing',
    'noReport',
    'noCertificate',
    'noEvidence',
    'nothingToClose',
    // closingRefusal / reopenRefusal (lib/closing/rules.ts), one key each.
    'ALREADY_CLOSED',
    'STILL_OWED',
    'NOTHING_OWED',
    'NOTHING_COLLECTED',
    'NO_COMPLETED_PLAN',
    'NOT_TIME_BARRED',
    'DISPUTE_OPEN',
    'EVIDENCE_REQUIRED',
    'NOTE_REQUIRED',
    'PENDING_DECISION',
    'PLAN_ACTIVE',
    'NOT_CLOSED',
    'CLOSED_FOR_GOOD',
    'PAID_REOPENS_ONLY_ON_REVERSAL',
  ]),
};
const M = CLOSING_MESSAGES;

/** Evidence is a scan or a PDF of a few pages. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** The VAT rate as people type it, in percent ("20", "5,5"), stored in basis points. */
const vatRate = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v.trim().replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 100 || (typeof v === 'string' && !/^\s*\d+([.,]\d{1,2})?\s*$/.test(v))) {
    ctx.addIssue({ code: 'custom', message: M.vatRate });
    return z.NEVER;
  }
  return Math.round(n * 100);
});

/** Closing a file: the file read, its reason and why in words; the evidence travels beside it (a document). */
export const closeFileSchema = z.object({
  fileId: uuid(M.fileId),
  expectedVersion: version,
  reason: z.enum(CLOSING_REASONS, { error: M.reason }),
  note: optionalText(NOTE_MAX),
  /** The invoices' VAT rate, in percent, for the certificate of irrecoverability; 20 % when left empty. */
  vatRate: optional(vatRate).transform((v) => v ?? 2000),
});
export type CloseFileInput = z.infer<typeof closeFileSchema>;

/** A manager's answer to an agent's closing waiting above the threshold. */
export const decideClosingSchema = z.object({
  closingId: uuid(M.closingId),
  decision: z.enum(['APPROVED', 'REFUSED'], { error: M.decision }),
  note: optionalText(NOTE_MAX),
});

/** Taking a closed file back to work: why, in a word and in words. */
export const reopenFileSchema = z.object({
  fileId: uuid(M.fileId),
  expectedVersion: version,
  reason: z.enum(REOPEN_REASONS, { error: M.reopenReason }),
  note: text(NOTE_MAX),
});

/** The agency's approval threshold, in euros as people write them (or cents from JSON). */
export const closingSettingsSchema = z.object({ thresholdCents: money(M.threshold, 0) });

/** A bulk closing: the creditor, the reason, and the files (references or ids, one per line) — or every open file. */
export const bulkClosingSchema = z.object({
  creditorId: uuid(M.creditorId),
  reason: z.enum(BULK_REASONS, { error: M.reason }),
  note: optionalText(NOTE_MAX),
  /** File references, one per line or separated by commas/semicolons; empty = every open file of the creditor. */
  references: optional(z.string().max(200_000, M.fileIds)).transform((v) =>
    v
      ? [
          ...new Set(
            v
              .split(/[\s,;]+/)
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ]
      : [],
  ),
});
export type BulkClosingInput = z.infer<typeof bulkClosingSchema>;

export const batchRefSchema = z.object({ batchId: uuid(M.id) });
