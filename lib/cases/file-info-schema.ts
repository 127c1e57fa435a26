import { z } from 'zod';
import {
  FILE_FORM_MESSAGES as M,
  NOTE_MAX,
  SHORT_MAX,
  isRecord,
  optionalText,
  uuid,
  version,
} from './file-form-fields';
import { optional } from '../forms/fields';

export const NON_PAYMENT_REASONS = [
  'DISPUTE_QUALITY',
  'FINANCIAL_DIFFICULTY',
  'FORGOT',
  'CONTESTS_AMOUNT',
  'INSOLVENCY',
  'UNREACHABLE',
  'OTHER',
] as const;
export type NonPaymentReason = (typeof NON_PAYMENT_REASONS)[number];
export const SOLVENCY = ['SOLVENT', 'UNCERTAIN', 'INSOLVENT', 'UNKNOWN'] as const;
export type Solvency = (typeof SOLVENCY)[number];

/** What the agent learnt about the debtor: why it does not pay, whether it can, where it works and banks. */
export const fileInfoSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    nonPaymentReason: optional(z.enum(NON_PAYMENT_REASONS, { error: M.nonPaymentReason })).transform((v) => v ?? null),
    nonPaymentNote: optionalText(NOTE_MAX),
    solvency: optional(z.enum(SOLVENCY, { error: M.solvency })).transform((v) => v ?? null),
    solvencyNote: optionalText(NOTE_MAX),
    employer: optionalText(SHORT_MAX),
    bank: optionalText(SHORT_MAX),
  })
  .strict()
  .refine((v) => !(v.nonPaymentReason === 'OTHER' && !v.nonPaymentNote), {
    path: ['nonPaymentNote'],
    message: M.otherNeedsNote,
    when: isRecord,
  });

export type FileInfoInput = z.infer<typeof fileInfoSchema>;
/** The fields file_info holds, in the order the form shows them. */
export const FILE_INFO_FIELDS = [
  'nonPaymentReason',
  'nonPaymentNote',
  'solvency',
  'solvencyNote',
  'employer',
  'bank',
] as const satisfies readonly (keyof FileInfoInput)[];
