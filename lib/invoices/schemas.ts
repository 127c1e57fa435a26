import { z } from 'zod';
import { isCalendarDay } from '../dates/days';
import { given, money, optional, orRequired } from '../forms/fields';
import { INVOICE_MESSAGES as M } from './messages';

// What an invoice stores besides its amounts: the parties as they were on the day it was issued, and one line per
// payment the commission was charged (or taken back) on. Written by issue-invoices.ts, read back through these
// schemas, so a row that does not parse is an error rather than a half-printed invoice.

const cents = z.number().int().nonnegative();

export const sellerSchema = z.object({
  name: z.string(),
  legalName: z.string(),
  legalForm: z.string().nullable(),
  shareCapitalCents: cents.nullable(),
  address: z.object({ lines: z.array(z.string()), postcode: z.string(), city: z.string() }),
  siren: z.string(),
  rcs: z.string().nullable(),
  vatNumber: z.string(),
  paymentDays: z.number().int().min(0),
});
export type InvoiceSeller = z.infer<typeof sellerSchema>;

export const buyerSchema = z.object({
  name: z.string(),
  address: z.array(z.string()),
  postcode: z.string(),
  city: z.string(),
  siren: z.string().nullable(),
  vatNumber: z.string().nullable(),
});
export type InvoiceBuyer = z.infer<typeof buyerSchema>;

export const invoiceLineSchema = z.object({
  paymentId: z.uuid(),
  fileReference: z.string(),
  debtor: z.string(),
  receivedOn: z.string(),
  /** The money the commission is a share of, and the rate of the band it ended in. */
  baseCents: cents,
  rateBps: z.number().int().min(0).max(10_000),
  /** Fixed fees (per file, per letter) within the commission. */
  feeCents: cents,
  commissionCents: cents,
  vatRateBps: z.number().int().min(0).max(10_000),
  vatCents: cents,
  /** A credit note's line: the payment reversed, and the invoice that billed it (none before invoices existed). */
  reversesPaymentId: z.uuid().optional(),
  correctsNumber: z.number().int().positive().optional(),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;
export const invoiceLinesSchema = z.array(invoiceLineSchema).min(1);

/** The creditor's payment of a commission invoice, as the manager records it from the agency's bank statement. */
export const invoicePaymentSchema = z
  .object({
    invoiceId: given(z.uuid({ error: orRequired(M.invoiceId) })),
    amount: given(money(M.amount, 1)),
    receivedOn: given(
      z
        .string({ error: orRequired(M.receivedOn) })
        .trim()
        .refine(isCalendarDay, M.receivedOn),
    ),
    reference: optional(z.string({ error: M.reference }).trim().min(1, M.reference).max(140, M.reference)),
  })
  .strict();
