import type { FileStatus } from '../db/generated/enums';
import { isUniqueViolation } from '../db/errors';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { balancesOn } from './file-balances';
import { agencyClock } from '../dates/agency-clock';
import { lockFile, saveFile } from '../cases/file-store';
import { recordLimitationEvent } from '../cases/claim-limitation';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import { canReach } from '../cases/transitions';
import { PAYMENT_MESSAGES as M } from './messages';
import { activePlanOf } from './plan-progress';
import { buildSchedule, type ScheduledInstalment } from './schedule';
import { createPlanSchema } from './schemas';

export interface CreatePlanOptions {
  actor: Actor;
  ip?: string;
  /** The plan terms and the file's expectedVersion, parsed by createPlanSchema. */
  [field: string]: unknown;
}

export interface CreatedPlan {
  planId: string;
  totalCents: number;
  schedule: ScheduledInstalment[];
  status: FileStatus;
  fileVersion: number;
}

const planActive = () => new AppError('CONFLICT', M.planActive);

/**
 * Saves a payment plan agreed with the debtor: the schedule is built again here against what the file
 * owes now (never trusted from the preview), one active plan per file, and the file moves to PAYMENT_PLAN.
 */
export async function createPlan({ actor, ip, ...input }: CreatePlanOptions): Promise<CreatedPlan> {
  authorize(actor, 'payments.record');
  const terms = parseInput(createPlanSchema, input);
  const now = new Date();
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const file = await lockFile(tx, actor, terms.fileId, terms.expectedVersion, clock);
    // A plan commits the creditor: only under its mandate in force (CPCE R124-3).
    await requireMandateForAction(tx, { tenantId: actor.tenantId, creditorId: file.creditorId, today: clock.today });
    if (await activePlanOf(tx, actor.tenantId, file.id)) throw planActive();
    if (!canReach(file.status, 'PAYMENT_PLAN')) throw new AppError('CONFLICT', M.statusForbidsPlan);

    const owed = await balancesOn(tx, file, clock.today);
    const schedule = buildSchedule({
      balanceCents: owed.totals.totalDueCents,
      downPaymentCents: terms.downPaymentCents,
      instalmentCount: terms.instalmentCount,
      instalmentCents: terms.instalmentCents,
      firstDueOn: terms.firstDueOn,
      frequency: terms.frequency,
      today: clock.today,
    });
    const totalCents = owed.totals.totalDueCents;

    const plan = await tx.paymentPlan
      .create({
        data: {
          tenantId: actor.tenantId,
          fileId: file.id,
          totalCents: BigInt(totalCents),
          downPaymentCents: BigInt(terms.downPaymentCents),
          frequency: terms.frequency,
          firstDueOn: new Date(`${terms.firstDueOn}T00:00:00Z`),
          graceDays: clock.planGraceDays,
          createdBy: actor.membershipId,
        },
        select: { id: true },
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? planActive() : error;
      });
    await tx.planInstalment.createMany({
      data: schedule.map((i) => ({
        tenantId: actor.tenantId,
        planId: plan.id,
        seq: i.seq,
        dueOn: new Date(`${i.dueOn}T00:00:00Z`),
        amountCents: BigInt(i.amountCents),
      })),
    });
    const instalments = schedule.filter((i) => i.seq > 0);
    const first = instalments[0]!;
    const last = instalments.at(-1)!;
    const { version: fileVersion } = await saveFile(
      tx,
      file,
      { status: 'PAYMENT_PLAN' },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: 'plan.created',
            details: {
              planId: plan.id,
              totalCents,
              instalmentCount: instalments.length,
              firstAmountCents: first.amountCents,
              lastAmountCents: last.amountCents,
              firstDueOn: first.dueOn,
              lastDueOn: last.dueOn,
              downPaymentCents: terms.downPaymentCents,
              frequency: terms.frequency,
              graceDays: clock.planGraceDays,
              currency: file.currency,
              instalments: schedule.map((i) => ({ seq: i.seq, dueOn: i.dueOn, amountCents: i.amountCents })),
            },
          },
        ],
        audit: {
          action: 'plan.created',
          entity: 'payment_plan',
          entityId: plan.id,
          details: {
            totalCents,
            downPaymentCents: terms.downPaymentCents,
            instalments: instalments.length,
            frequency: terms.frequency,
            firstDueOn: terms.firstDueOn,
          },
        },
      },
      now,
    );
    // C. civ. 2240: a plan agreed with the debtor acknowledges every claim it covers (the file's whole balance).
    await recordLimitationEvent(tx, {
      tenantId: actor.tenantId,
      fileId: file.id,
      claimIds: owed.claims.map((c) => c.claimId),
      kind: 'PLAN_AGREED',
      on: clock.today,
      planId: plan.id,
      recordedBy: actor.membershipId,
    });
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { planId: plan.id, totalCents, schedule, status: file.status, fileVersion };
  });
}
