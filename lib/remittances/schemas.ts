import { z } from 'zod';
import { bicField, ibanField } from '../bank/account-fields';
import { isCalendarDay } from '../dates/days';
import { given, money, optional, orRequired } from '../forms/fields';
import { parseAmountToCents } from '../money/parse-amount';
import { MANDATE_MESSAGES } from '../creditors/messages';
import { compactVatNumber } from '../invoices/vat-number';
import { REMITTANCE_MESSAGES as M } from './messages';

// The inputs of the payouts: one definition for the forms, the API and the tests.

const day = (message: string) =>
  z
    .string({ error: orRequired(message) })
    .trim()
    .refine(isCalendarDay, message);

export const proposeRemittanceSchema = z
  .object({
    /** The day the bank is asked to pay; the agency's today when not given (checked against it in the use-case). */
    executionOn: optional(day(M.executionOn)),
  })
  .strict();

export const runIdSchema = z.object({ runId: given(z.uuid({ error: orRequired(M.runId) })) }).strict();

export const proposeRefundSchema = z
  .object({
    fileId: given(z.uuid({ error: orRequired(M.fileId) })),
    iban: given(ibanField(M.iban)),
    bic: optional(bicField(M.bic)),
    /** The debtor as its bank knows it; the file's debtor name when not given. */
    payeeName: optional(z.string({ error: M.payeeName }).trim().min(1, M.payeeName).max(140, M.payeeName)),
    executionOn: optional(day(M.executionOn)),
  })
  .strict();

const shortText = (max: number, message: string) =>
  optional(z.string({ error: message }).trim().min(1, message).max(max, message));

/**
 * The agency's four-eyes threshold, in euros (empty: one approval is always enough), and what its commission
 * invoices name it by (decision 0017): legal form, share capital, RCS, intra-EU VAT number, days to pay. An invoicing
 * field left empty keeps what the agency had (an issued invoice's mentions are never blanked by a stray form).
 */
export const payoutSettingsSchema = z
  .object({
    secondApprovalFrom: optional(
      z.union([z.string(), z.number()], { error: M.threshold }).transform((v, ctx) => {
        const cents = parseAmountToCents(v);
        if (cents === null || cents < 0) ctx.addIssue({ code: 'custom', message: M.threshold });
        return cents ?? 0;
      }),
    ),
    creditorFundsBic: optional(bicField(M.bic)),
    legalForm: shortText(40, M.legalForm),
    shareCapital: optional(money(M.shareCapital, 0)),
    rcs: shortText(80, M.rcs),
    vatNumber: optional(
      z.string({ error: M.vatNumber }).transform((v, ctx) => {
        const compact = compactVatNumber(v);
        if (!compact) ctx.addIssue({ code: 'custom', message: M.vatNumber });
        return compact ?? '';
      }),
    ),
    invoicePaymentDays: optional(
      z.union([z.string(), z.number()], { error: M.paymentDays }).transform((v, ctx) => {
        const n = typeof v === 'number' ? v : /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > 60) ctx.addIssue({ code: 'custom', message: M.paymentDays });
        return n;
      }),
    ),
  })
  .strict()
  .transform((v) => ({
    secondApprovalCents: v.secondApprovalFrom === undefined ? null : BigInt(v.secondApprovalFrom),
    creditorFundsBic: v.creditorFundsBic ?? null,
    legalForm: v.legalForm ?? null,
    shareCapitalCents: v.shareCapital === undefined ? null : BigInt(v.shareCapital),
    rcs: v.rcs ?? null,
    vatNumber: v.vatNumber ?? null,
    invoicePaymentDays: v.invoicePaymentDays ?? null,
  }));

/** Commission given up on a file's creditor: how much, and why (kept on the file's history). */
export const writeOffSchema = z
  .object({
    fileId: given(z.uuid({ error: orRequired(M.fileId) })),
    amount: given(money(M.writeOffAmount, 1)),
    reason: given(
      z
        .string({ error: orRequired(M.reason) })
        .trim()
        .min(3, M.reason)
        .max(500, M.reason),
    ),
  })
  .strict();

/** Where a mandate's funds go and how (issue 15): the creditor's account, and net or gross remittances. */
export const payoutDetailsSchema = z
  .object({
    payoutIban: given(ibanField(MANDATE_MESSAGES.payoutIban)),
    payoutBic: optional(bicField(MANDATE_MESSAGES.payoutBic)),
    remittanceMode: given(z.enum(['NET', 'GROSS'], { error: orRequired(MANDATE_MESSAGES.remittanceMode) })),
  })
  .strict()
  .transform((v) => ({ payoutIban: v.payoutIban, payoutBic: v.payoutBic ?? null, remittanceMode: v.remittanceMode }));
