import { z } from 'zod';
import { MandateScope, RemittanceFrequency } from '../db/generated/enums';
import { isCalendarDay } from '../dates/days';
import { bool, given, optional, orRequired, requiredText } from '../forms/fields';
import { CLAIM_NATURES, PENALTY_BASES, contractRateBpsOf } from '../interest/claim-terms';
import { parseAmountToCents } from '../money/parse-amount';
import { MANDATE_MESSAGES as M } from './messages';

const day = z
  .string({ error: orRequired(M.day) })
  .trim()
  .refine(isCalendarDay, M.day);

/** "15", "12,5", "12.75", "15 %" or 12.5 → basis points (1250); null when it is not 0–100 with ≤ 2 decimals. */
export function percentToBps(input: string | number): number | null {
  const s = String(input).trim().replace(/\s*%$/, '');
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : null;
}

const percent = z.union([z.string(), z.number()], { error: orRequired(M.percent) }).transform((v, ctx) => {
  const bps = percentToBps(v);
  if (bps === null) ctx.addIssue({ code: 'custom', message: M.percent });
  return bps ?? 0;
});

const euros = z.union([z.string(), z.number()], { error: M.amount }).transform((v, ctx) => {
  const cents = parseAmountToCents(v);
  if (cents === null || cents < 0) ctx.addIssue({ code: 'custom', message: M.amount });
  return cents ?? 0;
});

const deadlineDays = z.union([z.string(), z.number()], { error: M.deadline }).transform((v, ctx) => {
  const days = typeof v === 'number' ? v : /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 31) ctx.addIssue({ code: 'custom', message: M.deadline });
  return days;
});

/** 1 to 60 months: a longer plan is no longer an arrangement the agency can follow (MAX_INSTALMENTS, lib/payments). */
const planMonths = z.union([z.string(), z.number()], { error: M.planMaxMonths }).transform((v, ctx) => {
  const months = typeof v === 'number' ? v : /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(months) || months < 1 || months > 60)
    ctx.addIssue({ code: 'custom', message: M.planMaxMonths });
  return months;
});

const minInstalment = z.union([z.string(), z.number()], { error: M.planMinInstalment }).transform((v, ctx) => {
  const cents = parseAmountToCents(v);
  if (cents === null || cents < 0) ctx.addIssue({ code: 'custom', message: M.planMinInstalment });
  return cents ?? 0;
});

const isRecord = ({ value }: { value: unknown }) => typeof value === 'object' && value !== null;

/**
 * The terms of a mandate as CPCE R124-3 requires them to be written: scope, remuneration, liability
 * guarantee, remittance of funds, period. One definition for the agency's form and the API body.
 */
/** Who advances a mandate's judicial costs: the agency, or the creditor (whose agreement each procedure then asks). */
export const JUDICIAL_COSTS_BY = ['AGENCY', 'CREDITOR'] as const;
export type JudicialCostsBy = (typeof JUDICIAL_COSTS_BY)[number];

export const mandateTermsSchema = z
  .object({
    reference: requiredText(64, M.reference),
    scope: given(z.enum(MandateScope, { error: orRequired(M.scope) })),
    startsOn: given(day),
    endsOn: optional(day),
    commissionAmicablePercent: given(percent),
    commissionJudicialPercent: optional(percent),
    // Who advances the judicial costs (court fees, commissaire de justice, lawyer): when the creditor does, going
    // to court waits for its agreement in the portal (lib/escalation/approve-escalation.ts).
    judicialCostsBy: optional(z.enum(JUDICIAL_COSTS_BY, { error: M.judicialCostsBy })),
    fixedFee: optional(euros),
    guaranteeReference: requiredText(200, M.guarantee),
    remittanceFrequency: optional(z.enum(RemittanceFrequency, { error: M.frequency })),
    // R124-6: funds are remitted within one month of collection unless the mandate says otherwise.
    remittanceDeadlineDays: optional(deadlineDays),
    // Defaults copied onto each claim placed under the mandate (issue 14); an agent may change them per claim.
    defaultNature: optional(z.enum(CLAIM_NATURES, { error: M.nature })),
    penaltyBasis: optional(z.enum(PENALTY_BASES, { error: M.penaltyBasis })),
    contractRatePercent: optional(z.union([z.string(), z.number()])),
    creditorIsPrivateIndividual: bool,
    // What an agent may agree alone (issue 14, CPCE R124-5): beyond these a plan waits for the creditor's approval.
    // How plans treat interest: frozen while honoured (a waiver the creditor consents to here) or included.
    planInterestMode: optional(z.enum(['FROZEN', 'INCLUDED'], { error: M.planInterestMode })),
    planMaxMonths: optional(planMonths),
    planMinInstalment: optional(minInstalment),
    // CPCE R124-4 asks for « une lettre »: an e-mail as that first letter is the creditor's choice (issue 14).
    emailFirstLetter: bool,
  })
  .strict()
  // `when` runs these checks even while other fields are wrong, so the form shows every problem at once.
  .refine((v) => !(typeof v.startsOn === 'string' && typeof v.endsOn === 'string' && v.endsOn < v.startsOn), {
    path: ['endsOn'],
    message: M.endBeforeStart,
    when: isRecord,
  })
  .refine((v) => !(v.scope === 'AMICABLE_AND_JUDICIAL' && v.commissionJudicialPercent === undefined), {
    path: ['commissionJudicialPercent'],
    message: M.judicialRequired,
    when: isRecord,
  })
  .refine((v) => contractRateBpsOf(v.penaltyBasis ?? 'NONE', v.contractRatePercent) !== undefined, {
    path: ['contractRatePercent'],
    message: M.contractRate,
    when: isRecord,
  })
  .transform((v) => ({
    reference: v.reference,
    scope: v.scope,
    startsOn: v.startsOn,
    endsOn: v.endsOn ?? null,
    commissionAmicableBps: v.commissionAmicablePercent,
    // An amicable-only mandate has no judicial phase to pay for: a leftover rate is dropped, not kept.
    commissionJudicialBps: v.scope === 'AMICABLE_AND_JUDICIAL' ? (v.commissionJudicialPercent ?? null) : null,
    // Likewise nobody advances costs of a phase the mandate does not cover: the agency's default stands.
    judicialCostsBy: v.scope === 'AMICABLE_AND_JUDICIAL' ? (v.judicialCostsBy ?? 'AGENCY') : 'AGENCY',
    fixedFeeCents: v.fixedFee ?? 0,
    guaranteeReference: v.guaranteeReference,
    remittanceFrequency: v.remittanceFrequency ?? 'MONTHLY',
    remittanceDeadlineDays: v.remittanceDeadlineDays ?? 30,
    defaultNature: v.defaultNature ?? null,
    contractRateBps: contractRateBpsOf(v.penaltyBasis ?? 'NONE', v.contractRatePercent) ?? null,
    creditorIsPrivateIndividual: v.creditorIsPrivateIndividual ?? false,
    planInterestMode: v.planInterestMode ?? 'FROZEN',
    planMaxMonths: v.planMaxMonths ?? 12,
    planMinInstalmentCents: v.planMinInstalment ?? 0,
    emailFirstLetter: v.emailFirstLetter ?? false,
  }));

export type MandateTerms = z.infer<typeof mandateTermsSchema>;
/** What a form or an API body sends (strings from a form, numbers allowed from JSON). */
export type MandateTermsInput = z.input<typeof mandateTermsSchema>;

/** The fields of the mandate form, in the order the form shows them. */
export const MANDATE_FORM_FIELDS = [
  'reference',
  'scope',
  'startsOn',
  'endsOn',
  'commissionAmicablePercent',
  'commissionJudicialPercent',
  'judicialCostsBy',
  'fixedFee',
  'guaranteeReference',
  'remittanceFrequency',
  'remittanceDeadlineDays',
  'defaultNature',
  'penaltyBasis',
  'contractRatePercent',
  'creditorIsPrivateIndividual',
  'planInterestMode',
  'planMaxMonths',
  'planMinInstalment',
  'emailFirstLetter',
] as const satisfies readonly (keyof MandateTermsInput)[];

export const creditorRefSchema = z.object({ creditorId: z.uuid({ error: M.creditorId }) });

export const mandateRefSchema = z.object({ mandateId: z.uuid({ error: M.mandateId }) });

/** The optimistic lock: the update time the editor read, as an ISO timestamp. */
export const mandateVersionSchema = z.object({
  mandateId: z.uuid({ error: M.mandateId }),
  updatedAt: z.iso.datetime({ offset: true, error: M.readAt }).transform((s) => new Date(s)),
});

export const documentNameSchema = z.object({
  fileName: z
    .string({ error: M.fileName })
    .trim()
    .min(1, M.fileName)
    .max(200, M.fileName)
    // Path separators and control characters have no place in a name sent back in Content-Disposition.
    .transform((s) => s.replace(/[\\/\p{Cc}"]/gu, '_')),
});
