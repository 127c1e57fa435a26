import { letterInterest } from '../scenarios/letter-data';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { dayIn, dayOf } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { ClaimLine, PlanLetterData } from '../letters/types';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { balancesOn } from '../cases/file-ledger';
import { agencyIdentity, creditorParty, debtorAddressee, ledgerUntil, safeFileName } from './letter-parties';
import { agencyClock } from '../dates/agency-clock';

export const planRefSchema = z.object({ planId: z.uuid({ error: 'payments.errors.planId' }) }).strict();

export interface PlanLetterDocument {
  fileId: string;
  fileName: string;
  data: PlanLetterData;
  /**
   * Some interest in it carries a rate the tables do not hold yet (decision 0009): such a letter never reaches the
   * debtor; it waits for the rate (./issue-plan-letter.ts).
   */
  estimated: boolean;
}

/**
 * The letter confirming a payment plan to the debtor: the claims broken down as they stood when the plan
 * was agreed (CPCE R124-4), the schedule, the grace period. Another agency's or creditor's plan is not found.
 */
export async function planLetterData({
  actor,
  planId,
  ip,
}: {
  actor: Actor;
  planId: unknown;
  ip?: string;
}): Promise<PlanLetterDocument> {
  authorize(actor, 'files.read');
  const ref = parseInput(planRefSchema, { planId });
  return inTenant(scopeOf(actor), async (tx) => {
    const document = await planLetterIn(tx, actor.tenantId, ref.planId, actor.creditorId ?? null);
    if (!document) throw AppError.notFound();
    // Printed, it would be handed to the debtor: an estimated amount must not be (decision 0009).
    if (document.estimated) throw AppError.refused('CONFLICT', 'payments.errors.planLetterRatesNotPublished');
    await recordAudit(tx, actor, {
      action: 'plan.letter_printed',
      entity: 'payment_plan',
      entityId: ref.planId,
      ip,
      details: { fileId: document.fileId, reference: document.data.reference },
    });
    return document;
  });
}

/**
 * The plan letter inside a transaction already in the tenant: for the download above and for the letter issued
 * when a plan comes into force (./issue-plan-letter.ts). Null when the plan is not the agency's (or the creditor's).
 */
export async function planLetterIn(
  tx: Tx,
  tenantId: string,
  planId: string,
  creditorId: string | null,
): Promise<PlanLetterDocument | null> {
  const plan = await tx.paymentPlan.findFirst({
    where: { tenantId, id: planId, ...(creditorId ? { file: { creditorId } } : {}) },
    include: { instalments: { orderBy: { seq: 'asc' } } },
  });
  if (!plan) return null;
  const file = await tx.caseFile.findFirstOrThrow({ where: { tenantId, id: plan.fileId } });
  const clock = await agencyClock(tx, tenantId);
  const agency = await agencyIdentity(tx, tenantId);
  const creditor = await creditorParty(tx, tenantId, file.creditorId);
  const { addressee, locale } = await debtorAddressee(tx, file);
  const agreedOn = dayIn(clock.timeZone, plan.createdAt);

  // The balance the plan was built on: payments recorded before it, interest to the day it was agreed.
  const ledger = await ledgerUntil(tx, file, { recordedAt: plan.createdAt });
  const owed = await balancesOn(tx, file, agreedOn, ledger);
  const issued = new Map(ledger.claims.map((c) => [c.id, c.issuedOn]));
  const natureOf = new Map(ledger.claims.map((c) => [c.id, c.nature]));
  const claims: ClaimLine[] = owed.claims.map((c) => ({
    invoiceNumber: c.invoiceNumber,
    issuedOn: issued.get(c.claimId) ?? c.dueOn,
    dueOn: c.dueOn,
    principalCents: c.principalCents,
    interestCents: c.interestAccruedCents,
    indemnityCents: c.charges.indemnityCents,
    nature: natureOf.get(c.claimId) ?? null,
  }));
  const sum = (pick: (c: ClaimLine) => number) => claims.reduce((total, c) => total + pick(c), 0);
  const claimed = sum((c) => c.principalCents) + sum((c) => c.interestCents) + sum((c) => c.indemnityCents);
  const dueCents = owed.totals.totalDueCents;

  // Each claim's interest worded per its own nature (lib/scenarios/letter-data.ts), as the engine's letters do.
  const interest = letterInterest(
    owed.claims.map((c) => ({ ...c, nature: natureOf.get(c.claimId) ?? file.nature })),
    agreedOn,
  );
  // Plans of a file are numbered in the order they were made: ECH-<file>-1, -2…
  const rank = await tx.paymentPlan.count({
    where: { tenantId: tenantId, fileId: file.id, createdAt: { lte: plan.createdAt } },
  });
  const reference = `ECH-${file.reference}-${rank}`;
  const downPayment = plan.instalments.find((i) => i.seq === 0);
  const waiver = await tx.interestWaiver.findFirst({
    where: { tenantId: tenantId, planId: plan.id },
    select: { fromOn: true },
  });
  const signatory = plan.createdBy
    ? await tx.$queryRaw<{ name: string }[]>`
        SELECT i.name FROM membership m JOIN identity i ON i.id = m.identity_id
         WHERE m.tenant_id = ${tenantId}::uuid AND m.id = ${plan.createdBy}::uuid`
    : [];

  return {
    fileId: file.id,
    fileName: safeFileName(`echeancier-${reference}.pdf`),
    estimated: owed.estimated,
    data: {
      locale,
      reference,
      date: agreedOn,
      agency,
      creditor,
      debtor: addressee,
      file: { reference: file.reference },
      claims,
      totals: {
        principalCents: sum((c) => c.principalCents),
        interestCents: sum((c) => c.interestCents),
        indemnityCents: sum((c) => c.indemnityCents),
        // What was imputed so far, as the engine counts it, so that paid + due = claimed exactly.
        paidCents: claimed - dueCents,
        dueCents,
      },
      currency: file.currency,
      interest,
      firstLetter: null,
      deadline: null,
      signatory: signatory[0] ? { name: signatory[0].name } : null,
      plan: {
        agreedOn,
        totalCents: Number(plan.totalCents),
        downPaymentCents: Number(plan.downPaymentCents),
        downPaymentDueOn: downPayment ? dayOf(downPayment.dueOn) : null,
        frequency: plan.frequency,
        graceDays: plan.graceDays,
        instalments: plan.instalments
          .filter((i) => i.seq > 0)
          .map((i) => ({ seq: i.seq, dueOn: dayOf(i.dueOn), amountCents: Number(i.amountCents) })),
        interest: plan.interestMode
          ? {
              mode: plan.interestMode,
              includedCents: Number(plan.interestCents),
              frozenFrom: waiver ? dayOf(waiver.fromOn) : null,
            }
          : null,
      },
    },
  };
}
