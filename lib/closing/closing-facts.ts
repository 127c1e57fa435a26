import { balancesOn } from '../cases/file-ledger';
import type { LockedFile } from '../cases/file-store';
import type { Tx } from '../db/tenant';
import { DEFAULT_APPROVAL_THRESHOLD_CENTS } from './rules';

/** What the closing rules read of a file, besides its status: money, limitation, plans, a decision waiting. */
export interface FileClosingFacts {
  owedCents: number;
  collectedCents: number;
  limitationOn: string | null;
  lastPlanCompleted: boolean;
  planActive: boolean;
  pendingDecision: boolean;
}

export async function closingFactsOf(tx: Tx, file: LockedFile, today: string): Promise<FileClosingFacts> {
  const [row] = await tx.$queryRaw<
    { collected: bigint; limitationOn: string | null; lastPlan: string | null; planActive: boolean; pending: boolean }[]
  >`
    SELECT f.collected_cents AS collected, f.limitation_on::text AS "limitationOn",
           (SELECT p.status::text FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id
             ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS "lastPlan",
           EXISTS (SELECT 1 FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id
                     AND p.status IN ('ACTIVE', 'AWAITING_APPROVAL')) AS "planActive",
           EXISTS (SELECT 1 FROM file_closing c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id
                     AND c.status = 'PENDING') AS pending
      FROM case_file f
     WHERE f.tenant_id = ${file.tenantId}::uuid AND f.id = ${file.id}::uuid`;
  const owed = await balancesOn(tx, file, today);
  return {
    owedCents: owed.totals.totalDueCents,
    collectedCents: Number(row!.collected),
    limitationOn: row!.limitationOn,
    lastPlanCompleted: row!.lastPlan === 'COMPLETED',
    planActive: row!.planActive,
    pendingDecision: row!.pending,
  };
}

/** The agency's approval threshold for closings (cents written off an agent may close alone). */
export async function closingThreshold(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ cents: bigint }[]>`
    SELECT approval_threshold_cents AS cents FROM closing_setting WHERE tenant_id = ${tenantId}::uuid`;
  return row ? Number(row.cents) : DEFAULT_APPROVAL_THRESHOLD_CENTS;
}
