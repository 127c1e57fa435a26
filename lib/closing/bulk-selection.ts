import type { FileStatus } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { closingRefusal, type BulkReason, type ClosingRefusal } from './rules';
import { CLOSING_MESSAGES, type BulkClosingInput } from './schemas';
import type { TransitionRefusal } from '../cases/transitions';

export interface BulkFile {
  id: string;
  reference: string;
  debtorName: string;
  status: FileStatus;
  principalCents: number;
  collectedCents: number;
  currency: string;
  /** null: it will close; otherwise why it will not. */
  refusal: ClosingRefusal | TransitionRefusal | null;
}

export interface BulkSelection {
  reason: BulkReason;
  files: BulkFile[];
  /** References of the list that name no file of this creditor. */
  unknown: string[];
  /** How many files close, per status they close from, and how many stay, per refusal. */
  counts: { closing: number; byStatus: Record<string, number>; refused: Record<string, number> };
}

/** A bulk closing is capped: beyond it the creditor's list is split (the preview must stay readable and fast). */
export const MAX_BULK_FILES = 5_000;

/**
 * The files a bulk closing names — the creditor's listed references, or all its open files — and what the rules say
 * of each: the same rules as one closing (lib/closing/rules.ts), on facts read in one query. A withdrawal or a
 * returned mandate writes off whatever is owed, so only the status, a plan in force and a decision waiting matter.
 */
export async function bulkSelection(
  tx: Tx,
  tenantId: string,
  input: BulkClosingInput,
  today: string,
): Promise<BulkSelection> {
  const refs = input.references.length > 0 ? input.references : null;
  const rows = await tx.$queryRaw<
    {
      id: string;
      reference: string;
      debtorName: string;
      status: FileStatus;
      principal: bigint;
      collected: bigint;
      currency: string;
      planActive: boolean;
      pending: boolean;
    }[]
  >`
    SELECT f.id::text, f.reference, d.display_name AS "debtorName", f.status::text AS status,
           f.principal_cents AS principal, f.collected_cents AS collected, trim(f.currency) AS currency,
           EXISTS (SELECT 1 FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id
                     AND p.status IN ('ACTIVE', 'AWAITING_APPROVAL')) AS "planActive",
           EXISTS (SELECT 1 FROM file_closing c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id
                     AND c.status = 'PENDING') AS pending
      FROM case_file f JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
     WHERE f.tenant_id = ${tenantId}::uuid AND f.creditor_id = ${input.creditorId}::uuid
       AND (${refs}::text[] IS NULL OR f.reference = ANY(${refs}::text[]))
       AND (${refs}::text[] IS NOT NULL OR f.phase <> 'CLOSED')
     ORDER BY f.reference
     LIMIT ${MAX_BULK_FILES + 1}`;
  if (rows.length > MAX_BULK_FILES) throw AppError.invalid({ references: CLOSING_MESSAGES.fileIds });
  const files = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    debtorName: r.debtorName,
    status: r.status,
    principalCents: Number(r.principal),
    collectedCents: Number(r.collected),
    currency: r.currency,
    refusal: closingRefusal({
      status: r.status,
      reason: input.reason,
      owedCents: 0,
      collectedCents: Number(r.collected),
      hasEvidence: false,
      hasNote: input.note !== null,
      limitationOn: null,
      today,
      lastPlanCompleted: false,
      planActive: r.planActive,
      pendingDecision: r.pending,
    }),
  }));
  const found = new Set(files.map((f) => f.reference));
  const byStatus: Record<string, number> = {};
  const refused: Record<string, number> = {};
  for (const f of files) {
    if (f.refusal === null) byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
    else refused[f.refusal] = (refused[f.refusal] ?? 0) + 1;
  }
  return {
    reason: input.reason,
    files,
    unknown: input.references.filter((r) => !found.has(r)),
    counts: { closing: files.filter((f) => f.refusal === null).length, byStatus, refused },
  };
}
