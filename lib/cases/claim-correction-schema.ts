import { z } from 'zod';
import { bool, money, optional, orRequired } from '../forms/fields';
import { CLAIM_NATURES, PENALTY_BASES, contractRateBpsOf } from '../interest/claim-terms';
import { catalogueKeys } from '../errors/keys';
import { FILE_FORM_MESSAGES, day, isRecord, text, uuid, version } from './file-form-fields';

export const CLAIM_CORRECTION_MESSAGES = {
  ...FILE_FORM_MESSAGES,
  ...catalogueKeys('workspace.claimCorrection.errors', [
    'claimId',
    'amount',
    'nature',
    'penaltyBasis',
    'contractRate',
    'nothingChanged',
    'cancelled',
    'belowPaid',
    'paidClaim',
    'dueAfterToday',
    'notFilesClaim',
    'reduceOrCancel',
    'notReduced',
    'upheldOnly',
  ]),
};
const M = CLAIM_CORRECTION_MESSAGES;
/** The keys shared with every file form (their catalogue entries live with those forms'). */
export const FILE_FORM_MESSAGES_KEYS: ReadonlySet<string> = new Set(Object.keys(FILE_FORM_MESSAGES));

export const CORRECTION_REASON_MAX = 500;

/**
 * An agent's correction of one claim of a file, with the reason (C. civ. and CPCE R124-4: the debtor is only
 * ever asked for what is owed). Either `cancel` (an invoice cancelled by a credit note, or withdrawn after an
 * upheld dispute), or any of a new amount, due date, nature and interest terms; a field left out is unchanged.
 */
export const claimCorrectionSchema = z
  .object({
    fileId: uuid(M.fileId),
    claimId: uuid(M.claimId),
    expectedVersion: version,
    reason: text(CORRECTION_REASON_MAX),
    cancel: bool,
    amount: optional(money(M.amount, 1)),
    dueOn: optional(day()),
    nature: optional(z.enum(CLAIM_NATURES, { error: orRequired(M.nature) })),
    penaltyBasis: optional(z.enum(PENALTY_BASES, { error: M.penaltyBasis })),
    contractRatePercent: optional(z.union([z.string(), z.number()])),
    creditorIsPrivateIndividual: bool,
  })
  .strict()
  .refine((v) => !v.penaltyBasis || contractRateBpsOf(v.penaltyBasis, v.contractRatePercent) !== undefined, {
    path: ['contractRatePercent'],
    message: M.contractRate,
    when: isRecord,
  })
  .transform((v) => ({
    fileId: v.fileId,
    claimId: v.claimId,
    expectedVersion: v.expectedVersion,
    reason: v.reason,
    cancel: v.cancel ?? false,
    principalCents: v.amount,
    dueOn: v.dueOn,
    nature: v.nature,
    contractRateBps: v.penaltyBasis ? contractRateBpsOf(v.penaltyBasis, v.contractRatePercent) : undefined,
    creditorIsPrivateIndividual: v.creditorIsPrivateIndividual,
  }));

export type ClaimCorrection = z.output<typeof claimCorrectionSchema>;
export type ClaimCorrectionInput = z.input<typeof claimCorrectionSchema>;

/** The fields of the correction form, in its order. */
export const CLAIM_CORRECTION_FIELDS = [
  'amount',
  'dueOn',
  'nature',
  'penaltyBasis',
  'contractRatePercent',
  'creditorIsPrivateIndividual',
  'cancel',
  'reason',
] as const satisfies readonly (keyof ClaimCorrectionInput)[];

/**
 * The correction an agent records with an upheld dispute, in the same action (issue 14): which claim, cancelled in
 * full or reduced to a lower amount, and why. Exactly one of `cancel` and `amount`.
 */
export const disputeCorrectionSchema = z
  .object({
    claimId: uuid(M.claimId),
    cancel: bool,
    amount: optional(money(M.amount, 1)),
    reason: text(CORRECTION_REASON_MAX),
  })
  .strict()
  .refine((v) => Boolean(v.cancel) !== (v.amount !== undefined), {
    path: ['amount'],
    message: M.reduceOrCancel,
    when: isRecord,
  })
  .transform((v) => ({
    claimId: v.claimId,
    reason: v.reason,
    cancel: v.cancel ?? false,
    principalCents: v.amount,
  }));

export type DisputeCorrection = z.output<typeof disputeCorrectionSchema>;
