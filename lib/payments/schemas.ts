import { z } from 'zod';
import { PaymentMethod, PlanFrequency } from '../db/generated/enums';
import { parseDay } from '../dates/parse-day';
import { given, money, optional, orRequired } from '../forms/fields';
import { MAX_INSTALMENTS, PAYMENT_MESSAGES as M } from './messages';

/** A calendar day as 2026-11-25 (date inputs, JSON) or 25/11/2026 (typed by hand) → '2026-11-25'. */
const day = z.string({ error: orRequired(M.day) }).transform((v, ctx) => {
  const parsed = parseDay(v);
  if (parsed === null) ctx.addIssue({ code: 'custom', message: M.day });
  return parsed ?? '';
});

const fileId = given(z.uuid({ error: orRequired(M.fileId) }));

/** The optimistic lock: the file's version as the form read it. */
const expectedVersion = given(
  z.union([z.number(), z.string()], { error: orRequired(M.version) }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) ctx.addIssue({ code: 'custom', message: M.version });
    return n;
  }),
);

/** The claims the debtor says the payment is for, most important first (Code civil 1342-10). */
const claimOrder = optional(
  z
    .union([z.array(z.string()), z.string()], { error: M.claimOrder })
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.uuid({ error: M.claimId }))
        .max(500, M.claimOrder)
        .refine((ids) => new Set(ids).size === ids.length, M.claimOrder),
    ),
);

export const recordPaymentSchema = z
  .object({
    fileId,
    amount: given(money(M.amount, 1)),
    method: given(z.enum(PaymentMethod, { error: orRequired(M.method) })),
    // Not in the future nor before placement: both need the agency's today and the file, so the use-case checks.
    receivedOn: given(day),
    reference: optional(z.string({ error: M.reference }).trim().max(100, M.reference)),
    claimOrder,
    expectedVersion,
    // Money a partner (commissaire de justice, lawyer) collected and passed on: recorded like any other (issue 16).
    source: optional(z.enum(['agency', 'partner'], { error: M.source })),
  })
  .strict()
  .transform((v) => ({
    source: v.source ?? 'agency',
    fileId: v.fileId,
    amountCents: v.amount,
    method: v.method,
    receivedOn: v.receivedOn,
    reference: v.reference || null,
    claimOrder: v.claimOrder ?? [],
    expectedVersion: v.expectedVersion,
  }));

export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;
export type RecordPayment = z.output<typeof recordPaymentSchema>;

export const reversePaymentSchema = z
  .object({
    paymentId: given(z.uuid({ error: orRequired(M.paymentId) })),
    reason: given(
      z
        .string({ error: orRequired(M.reason) })
        .trim()
        .min(3, M.reason)
        .max(500, M.reason),
    ),
  })
  .strict();

export type ReversePaymentInput = z.input<typeof reversePaymentSchema>;

const instalmentCount = optional(
  z.union([z.number(), z.string()], { error: M.instalmentCount }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_INSTALMENTS)
      ctx.addIssue({ code: 'custom', message: M.instalmentCount });
    return n;
  }),
);

const planTerms = {
  fileId,
  downPaymentCents: optional(money(M.downPayment, 0)),
  instalmentCount,
  instalmentCents: optional(money(M.instalmentCents, 1)),
  firstDueOn: given(day),
  frequency: given(z.enum(PlanFrequency, { error: orRequired(M.frequency) })),
};

const isRecord = ({ value }: { value: unknown }) => typeof value === 'object' && value !== null;

/** Count or amount per instalment: exactly one, so the schedule has one meaning. */
const oneWayToSplit = <T extends { instalmentCount?: number; instalmentCents?: number }>(v: T) =>
  (v.instalmentCount === undefined) !== (v.instalmentCents === undefined);

const toPlanTerms = <T extends { downPaymentCents?: number }>(v: T) => ({
  ...v,
  downPaymentCents: v.downPaymentCents ?? 0,
});

/** What the plan form previews (no lock: nothing is written). */
export const previewPlanSchema = z
  .object(planTerms)
  .strict()
  .refine(oneWayToSplit, { path: ['instalmentCount'], message: M.instalmentChoice, when: isRecord })
  .transform(toPlanTerms);

export const createPlanSchema = z
  .object({ ...planTerms, expectedVersion })
  .strict()
  .refine(oneWayToSplit, { path: ['instalmentCount'], message: M.instalmentChoice, when: isRecord })
  .transform(toPlanTerms);

export type PlanInput = z.input<typeof createPlanSchema>;
export type PlanTerms = z.output<typeof previewPlanSchema>;

export const cancelPlanSchema = z
  .object({
    fileId,
    expectedVersion,
    reason: given(
      z
        .string({ error: orRequired(M.reason) })
        .trim()
        .min(3, M.reason)
        .max(500, M.reason),
    ),
  })
  .strict();

export type CancelPlanInput = z.input<typeof cancelPlanSchema>;

/** An agent withdraws the plan still awaiting the creditor's approval, with the reason. */
export const withdrawPlanSchema = z
  .object({
    fileId,
    expectedVersion,
    planId: given(z.uuid({ error: orRequired(M.planId) })),
    reason: given(
      z
        .string({ error: orRequired(M.reason) })
        .trim()
        .min(3, M.reason)
        .max(500, M.reason),
    ),
  })
  .strict();

export const fileRefSchema = z.object({ fileId });

/** The creditor's answer to a plan awaiting its approval (CPCE R124-5). */
export const decidePlanSchema = z
  .object({
    planId: given(z.uuid({ error: orRequired(M.planId) })),
    decision: given(z.enum(['ACCEPT', 'REFUSE'], { error: orRequired(M.decision) })),
    note: optional(z.string({ error: M.decisionNote }).trim().max(500, M.decisionNote)),
  })
  .strict();

export type DecidePlanInput = z.input<typeof decidePlanSchema>;
