import type { FileStatus, PlanInterestMode } from '../db/generated/enums';
import { isUniqueViolation } from '../db/errors';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { agencyClock, type AgencyClock } from '../dates/agency-clock';
import { lockFile, saveFile, type LockedFile } from '../cases/file-store';
import { recordLimitationEvent } from '../cases/claim-limitation';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import { canReach } from '../cases/transitions';
import { openWaiver } from './interest-waivers';
import { PAYMENT_MESSAGES as M } from './messages';
import { approvalReasons, mandatePlanTerms, quotePlan, type ApprovalReason } from './plan-terms';
import { type ScheduledInstalment } from './schedule';
import { createPlanSchema, type PlanTerms } from './schemas';
import { queuePlanApprovalMails } from './plan-approval-mail';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { issuePlanLetter, planLetterLine } from './issue-plan-letter';

export interface CreatePlanOptions {
  actor: Actor;
  ip?: string;
  /** The clock, for tests that agree a plan on a given day (the rate tests). */
  now?: Date;
  /** The plan terms and the file's expectedVersion, parsed by createPlanSchema. */
  [field: string]: unknown;
}

export interface CreatedPlan {
  planId: string;
  totalCents: number;
  interestMode: PlanInterestMode;
  interestCents: number;
  schedule: ScheduledInstalment[];
  /** ACTIVE, or AWAITING_APPROVAL when the terms go beyond what the mandate lets the agency agree alone. */
  planStatus: 'ACTIVE' | 'AWAITING_APPROVAL';
  approvalReasons: ApprovalReason[];
  status: FileStatus;
  fileVersion: number;
  /** The e-mails of the plan (to the creditor's users for a plan to approve, to the debtor with the letter of a plan
   * in force), handed to the sender once committed. */
  messageIds: string[];
}

const planActive = () => new AppError('CONFLICT', M.planActive);

/**
 * Saves a payment plan agreed with the debtor: the schedule is built again here against what the file
 * owes now (never trusted from the preview), the way the creditor's mandate says — interest frozen while the
 * plan is honoured, or included in the instalments — one plan per file. Within the mandate's limits the plan
 * is in force at once and the file moves to PAYMENT_PLAN; beyond them it waits for the creditor (CPCE R124-5),
 * the file keeps its status and its scenario waits (guard PLAN_AWAITING_APPROVAL).
 */
export async function createPlan(options: CreatePlanOptions): Promise<CreatedPlan> {
  const created = await createPlanIn(options);
  await sendPlanMails(options.actor.tenantId, created.messageIds);
  return created;
}

/** After COMMIT: if this is lost, the scenario sweep finds the outbox rows still PENDING and enqueues them. */
export async function sendPlanMails(tenantId: string, messageIds: readonly string[]): Promise<void> {
  await sendAfterCommit(tenantId, messageIds, 'plan e-mail');
}

async function createPlanIn({ actor, ip, now = new Date(), ...input }: CreatePlanOptions): Promise<CreatedPlan> {
  authorize(actor, 'payments.record');
  const terms = parseInput(createPlanSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const file = await lockFile(tx, actor, terms.fileId, terms.expectedVersion, clock);
    return savePlan(tx, { file, terms, clock, by: { membershipId: actor.membershipId, name: actor.name, ip }, now });
  });
}

/** Who agreed a plan: the agent on the phone, or the debtor on their page (no membership). */
export interface PlanAuthor {
  membershipId: string | null;
  /** Named in the creditor's approval e-mail. */
  name: string;
  ip?: string;
}

export type PlanTermsInput = Pick<
  PlanTerms,
  'downPaymentCents' | 'instalmentCount' | 'instalmentCents' | 'firstDueOn' | 'frequency'
>;

/**
 * A plan saved on a locked file, whoever proposed it: the mandate in force, one plan per file, the schedule
 * quoted again here, ACTIVE within the mandate's limits or AWAITING_APPROVAL beyond them (R124-5), its history,
 * its limitation acknowledgment and the creditor's e-mails. The caller sends those e-mails after COMMIT.
 */
export async function savePlan(
  tx: Tx,
  {
    file,
    terms,
    clock,
    by,
    now,
  }: { file: LockedFile; terms: PlanTermsInput; clock: AgencyClock; by: PlanAuthor; now: Date },
): Promise<CreatedPlan> {
  // A plan commits the creditor: only under its mandate in force (CPCE R124-3).
  await requireMandateForAction(tx, { tenantId: file.tenantId, creditorId: file.creditorId, today: clock.today });
  const pending = await tx.paymentPlan.findFirst({
    where: { tenantId: file.tenantId, fileId: file.id, status: { in: ['ACTIVE', 'AWAITING_APPROVAL'] } },
    select: { id: true },
  });
  if (pending) throw planActive();
  if (!canReach(file.status, 'PAYMENT_PLAN')) throw new AppError('CONFLICT', M.statusForbidsPlan);

  const mandate = await mandatePlanTerms(tx, file);
  const quote = await quotePlan(tx, file, mandate.interestMode, {
    downPaymentCents: terms.downPaymentCents,
    instalmentCount: terms.instalmentCount,
    instalmentCents: terms.instalmentCents,
    firstDueOn: terms.firstDueOn,
    frequency: terms.frequency,
    today: clock.today,
  });
  const { schedule, totalCents, interestCents } = quote;
  const reasons = approvalReasons(schedule, mandate, clock.today);
  const planStatus = reasons.length > 0 ? 'AWAITING_APPROVAL' : 'ACTIVE';

  const plan = await tx.paymentPlan
    .create({
      data: {
        tenantId: file.tenantId,
        fileId: file.id,
        status: planStatus,
        totalCents: BigInt(totalCents),
        downPaymentCents: BigInt(terms.downPaymentCents),
        frequency: terms.frequency,
        firstDueOn: new Date(`${terms.firstDueOn}T00:00:00Z`),
        graceDays: clock.planGraceDays,
        createdBy: by.membershipId,
        interestMode: mandate.interestMode,
        interestCents: BigInt(interestCents),
        approvalReasons: reasons,
        // The letter reads the balance as of this instant (./plan-letter-data.ts): the same clock as the quote.
        createdAt: now,
      },
      select: { id: true },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? planActive() : error;
    });
  await tx.planInstalment.createMany({
    data: schedule.map((i) => ({
      tenantId: file.tenantId,
      planId: plan.id,
      seq: i.seq,
      dueOn: new Date(`${i.dueOn}T00:00:00Z`),
      amountCents: BigInt(i.amountCents),
    })),
  });
  // The creditor consented in its mandate: interest stops from tomorrow (today's is in the balance).
  const frozenFrom =
    planStatus === 'ACTIVE' && mandate.interestMode === 'FROZEN'
      ? (
          await openWaiver(tx, {
            tenantId: file.tenantId,
            fileId: file.id,
            planId: plan.id,
            agreedOn: clock.today,
            consent: 'MANDATE',
            mandateId: mandate.mandateId,
            createdBy: by.membershipId,
          })
        ).fromOn
      : null;

  const instalments = schedule.filter((i) => i.seq > 0);
  const first = instalments[0]!;
  const last = instalments.at(-1)!;
  const details = {
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
    interestMode: mandate.interestMode,
    interestCents,
    ...(frozenFrom ? { interestFrozenFrom: frozenFrom } : {}),
    instalments: schedule.map((i) => ({ seq: i.seq, dueOn: i.dueOn, amountCents: i.amountCents })),
  };
  const letter =
    planStatus === 'ACTIVE'
      ? await issuePlanLetter(tx, { tenantId: file.tenantId, planId: plan.id, today: clock.today, now })
      : null;
  const { version: fileVersion } = await saveFile(
    tx,
    file,
    planStatus === 'ACTIVE' ? { status: 'PAYMENT_PLAN' } : {},
    {
      by: { membershipId: by.membershipId, ip: by.ip },
      lines: [
        planStatus === 'ACTIVE'
          ? { kind: 'plan.created', details }
          : { kind: 'plan.proposed', details: { ...details, reasons } },
        ...(letter ? [planLetterLine(plan.id, letter)] : []),
      ],
      audit: {
        action: planStatus === 'ACTIVE' ? 'plan.created' : 'plan.proposed',
        entity: 'payment_plan',
        entityId: plan.id,
        details: {
          totalCents,
          downPaymentCents: terms.downPaymentCents,
          instalments: instalments.length,
          frequency: terms.frequency,
          firstDueOn: terms.firstDueOn,
          interestMode: mandate.interestMode,
          approvalReasons: reasons.join(','),
        },
      },
    },
    now,
  );
  // C. civ. 2240: a plan agreed with the debtor acknowledges every claim it covers (the file's whole balance).
  await recordLimitationEvent(tx, {
    tenantId: file.tenantId,
    fileId: file.id,
    claimIds: quote.claimIds,
    kind: 'PLAN_AGREED',
    on: clock.today,
    planId: plan.id,
    recordedBy: by.membershipId,
  });
  // CPCE R124-5: the creditor is told of the proposal, and asked for its decision, by e-mail as on its portal.
  const messageIds = letter
    ? [letter.messageId].filter((id): id is string => id !== null)
    : planStatus === 'AWAITING_APPROVAL'
      ? await queuePlanApprovalMails(tx, {
          tenantId: file.tenantId,
          fileId: file.id,
          debtorId: file.debtorId,
          creditorId: file.creditorId,
          now,
          plan: {
            planId: plan.id,
            fileReference: file.reference,
            agentName: by.name,
            currency: file.currency,
            totalCents,
            instalmentCount: instalments.length,
            firstDueOn: first.dueOn,
            lastDueOn: last.dueOn,
            reasons,
            interestMode: mandate.interestMode,
          },
        })
      : [];
  await refreshFiles(tx, file.tenantId, [file.id], clock.today);
  return {
    messageIds,
    planId: plan.id,
    totalCents,
    interestMode: mandate.interestMode,
    interestCents,
    schedule,
    planStatus,
    approvalReasons: reasons,
    status: file.status,
    fileVersion,
  };
}
