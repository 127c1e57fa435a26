import type { PlanInterestMode } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import type { CaseFile } from '../db/generated/client';
import { addMonths, dayOf } from '../dates/days';
import { loadRateTables } from '../interest/load-rates';
import { balancesOn, loadLedger } from '../cases/file-ledger';
import { buildScheduleWithInterest } from './interest-schedule';
import { buildSchedule, type ScheduleInput, type ScheduledInstalment } from './schedule';

/** What the creditor's mandate says about payment plans (prisma/migrations/20261207130100_plan_terms). */
export interface MandatePlanTerms {
  mandateId: string | null;
  interestMode: PlanInterestMode;
  maxMonths: number;
  minInstalmentCents: number;
}

export type ApprovalReason = 'TOO_LONG' | 'BELOW_MINIMUM';

/** Without a mandate on the file (files placed before mandates were kept), the defaults of the migration. */
const DEFAULT_TERMS: MandatePlanTerms = {
  mandateId: null,
  interestMode: 'FROZEN',
  maxMonths: 12,
  minInstalmentCents: 0,
};

export async function mandatePlanTerms(tx: Tx, file: { tenantId: string; id: string }): Promise<MandatePlanTerms> {
  const row = await tx.caseFile.findFirst({
    where: { tenantId: file.tenantId, id: file.id },
    select: {
      mandate: { select: { id: true, planInterestMode: true, planMaxMonths: true, planMinInstalmentCents: true } },
    },
  });
  const m = row?.mandate;
  if (!m) return DEFAULT_TERMS;
  return {
    mandateId: m.id,
    interestMode: m.planInterestMode,
    maxMonths: m.planMaxMonths,
    minInstalmentCents: Number(m.planMinInstalmentCents),
  };
}

/**
 * Why a plan needs the creditor's approval (CPCE R124-5: the creditor is told of any proposal other than
 * immediate payment; beyond what its mandate lets the agency agree alone, it decides): its last instalment
 * falls more than `maxMonths` months after today, or its regular instalment (the first; the last is only the
 * remainder) is below the mandate's minimum. Pure.
 */
export function approvalReasons(
  schedule: readonly ScheduledInstalment[],
  terms: Pick<MandatePlanTerms, 'maxMonths' | 'minInstalmentCents'>,
  today: string,
): ApprovalReason[] {
  const instalments = schedule.filter((i) => i.seq > 0);
  const reasons: ApprovalReason[] = [];
  const last = instalments.at(-1);
  if (last && last.dueOn > addMonths(today, terms.maxMonths)) reasons.push('TOO_LONG');
  const regular = instalments[0];
  if (regular && regular.amountCents < terms.minInstalmentCents) reasons.push('BELOW_MINIMUM');
  return reasons;
}

export interface PlanQuote {
  /** What the file owes today. */
  balanceCents: number;
  estimated: boolean;
  schedule: ScheduledInstalment[];
  /** What the debtor pays in all under the plan. */
  totalCents: number;
  /** Interest the schedule carries beyond today's balance (INCLUDED); 0 when interest is frozen. */
  interestCents: number;
  /** The claims the plan covers (all of the file's). */
  claimIds: string[];
}

/**
 * The schedule the mandate's choice gives: FROZEN settles exactly today's balance (no interest runs while the
 * plan is honoured); INCLUDED adds the interest that runs until each instalment's day.
 */
export async function quotePlan(
  tx: Tx,
  file: Pick<CaseFile, 'tenantId' | 'id' | 'nature'> & { formalNoticeOn: Date | string | null },
  mode: PlanInterestMode,
  terms: Omit<ScheduleInput, 'balanceCents'>,
): Promise<PlanQuote> {
  const ledger = await loadLedger(tx, file);
  const owed = await balancesOn(tx, file, terms.today, ledger);
  const balanceCents = owed.totals.totalDueCents;
  const input = { ...terms, balanceCents };
  const schedule =
    mode === 'FROZEN'
      ? buildSchedule(input)
      : buildScheduleWithInterest(
          {
            file: {
              formalNoticeOn:
                typeof file.formalNoticeOn === 'string'
                  ? file.formalNoticeOn
                  : file.formalNoticeOn && dayOf(file.formalNoticeOn),
              interestFrozen: ledger.frozen,
            },
            claims: ledger.claims,
            allocations: ledger.allocations.map((a) => (a.on > terms.today ? { ...a, on: terms.today } : a)),
            rates: await loadRateTables(tx),
          },
          input,
        );
  const totalCents = schedule.reduce((s, i) => s + i.amountCents, 0);
  return {
    balanceCents,
    estimated: owed.estimated,
    schedule,
    totalCents,
    interestCents: totalCents - balanceCents,
    claimIds: owed.claims.map((c) => c.claimId),
  };
}
