/**
 * Every message a payment or plan input can earn, in English for API callers. Screens show the catalogue
 * entry `payments.errors.<key>` instead, found by `paymentMessageKey`; no dependencies, so client
 * components can import it.
 */
export const PAYMENT_MESSAGES = {
  required: 'required',
  fileId: 'must be a file id',
  paymentId: 'must be a payment id',
  claimId: 'must be a claim id',
  amount: 'must be an amount greater than 0: whole cents as a number, or euros as text, e.g. 150 or 1 234,56',
  downPayment: 'must be an amount of 0 or more: whole cents as a number, or euros as text, e.g. 0 or 250,00',
  method: 'must be TRANSFER, CHEQUE, CARD, DIRECT_DEBIT or DIRECT_TO_CREDITOR',
  day: 'must be a date written YYYY-MM-DD',
  receivedInFuture: 'cannot be in the future',
  receivedBeforePlacement: 'cannot be before the day the file was placed',
  reference: 'must be at most 100 characters',
  claimOrder: 'must list claims of this file, each once',
  version: 'must be the file version the form was read with',
  reason: 'must be 3 to 500 characters',
  frequency: 'must be WEEKLY, BIWEEKLY or MONTHLY',
  instalmentChoice: 'give either a number of instalments or an amount per instalment, not both',
  instalmentCount: 'must be a whole number from 1 to 60',
  instalmentCents: 'must be an amount greater than 0',
  notCovered: 'does not cover the balance within 60 instalments: raise the amount per instalment',
  notCoveredWithInterest:
    'does not cover the balance and the interest running meanwhile within 60 instalments: raise the amount per instalment',
  zeroInstalment: 'leaves instalments of 0,00 €: choose fewer instalments',
  downPaymentTooLarge: 'must be less than the balance due, so that at least one instalment remains',
  pastDate: 'cannot be in the past',
  afterDownPayment: 'must be after today, the day the down payment is due',
  nothingDue: 'nothing is due on this file',
  alreadyReversed: 'this payment has already been reversed',
  notReversible: 'a reversal cannot itself be reversed',
  planActive: 'this file already has an active payment plan',
  noActivePlan: 'this file has no active payment plan',
  statusForbidsPlan: 'the status of this file does not allow a payment plan',
  noPlanAwaiting: 'this plan is not awaiting approval',
  decisionNote: 'must be at most 500 characters',
  decision: 'must be ACCEPT or REFUSE',
  planId: 'must be a payment plan id',
} as const;

export type PaymentMessageKey = keyof typeof PAYMENT_MESSAGES;

const KEY_OF = new Map<string, PaymentMessageKey>(
  Object.entries(PAYMENT_MESSAGES).map(([key, message]) => [message, key as PaymentMessageKey]),
);

export function paymentMessageKey(message: string): PaymentMessageKey | undefined {
  return KEY_OF.get(message);
}

/** A plan longer than five years is no longer an arrangement the agency can follow up. */
export const MAX_INSTALMENTS = 60;
