import type { Tx } from '../db/tenant';
import { addDays, dayOf } from '../dates/days';

/*
 * Interest waived by the creditor while a payment plan is honoured (issue 14, "payment plans that say what
 * they cost"). The waiver is data: a row per plan, from the day after the plan was agreed (that day's interest
 * is in the balance the plan settles), on the creditor's consent (its mandate's standing choice, or its
 * approval of this plan), and ended — never deleted — when the plan breaks or is cancelled.
 */

export async function openWaiver(
  tx: Tx,
  waiver: {
    tenantId: string;
    fileId: string;
    planId: string;
    agreedOn: string;
    consent: 'MANDATE' | 'CREDITOR';
    mandateId: string | null;
    createdBy: string | null;
  },
): Promise<{ fromOn: string }> {
  const fromOn = addDays(waiver.agreedOn, 1);
  await tx.interestWaiver.create({
    data: {
      tenantId: waiver.tenantId,
      fileId: waiver.fileId,
      planId: waiver.planId,
      fromOn: new Date(`${fromOn}T00:00:00Z`),
      consent: waiver.consent,
      mandateId: waiver.mandateId,
      createdBy: waiver.createdBy,
    },
  });
  return { fromOn };
}

/**
 * Ends the plan's waiver: interest runs again from the day after `lastFrozenOn`. Returns that day, or null
 * when the plan had no running waiver (interest included, or a plan made before waivers existed).
 */
export async function endWaiver(
  tx: Tx,
  plan: { tenantId: string; id: string },
  lastFrozenOn: string,
  now: Date,
): Promise<string | null> {
  const open = await tx.interestWaiver.findFirst({
    where: { tenantId: plan.tenantId, planId: plan.id, untilOn: null },
    select: { id: true, fromOn: true },
  });
  if (!open) return null;
  // A plan ended before its waiver began (cancelled the day it was made) waives nothing: until = from - 1.
  const until = lastFrozenOn < dayOf(open.fromOn) ? addDays(dayOf(open.fromOn), -1) : lastFrozenOn;
  await tx.interestWaiver.update({
    where: { tenantId_id: { tenantId: plan.tenantId, id: open.id } },
    data: { untilOn: new Date(`${until}T00:00:00Z`), endedAt: now },
  });
  return addDays(until, 1);
}
