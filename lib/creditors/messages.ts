/**
 * Every message a mandate input can earn, in English for API callers. Screens show the catalogue entry
 * `mandates.errors.<key>` instead, found by `mandateMessageKey`; this file has no dependencies so client
 * components can import it.
 */
export const MANDATE_MESSAGES = {
  required: 'required',
  mandateId: 'must be a mandate id',
  creditorId: 'must be a creditor id',
  readAt: 'must be the update time the mandate was read with',
  reference: 'must be 1 to 64 characters',
  scope: 'must be AMICABLE or AMICABLE_AND_JUDICIAL',
  day: 'must be a date written YYYY-MM-DD',
  endBeforeStart: 'must be on or after the start date',
  percent: 'must be a percentage from 0 to 100 with at most 2 decimals, e.g. 12,5',
  judicialRequired: 'required when the scope includes the judicial phase',
  amount: 'must be an amount in euros, 0 or more, e.g. 150 or 1 200,50',
  guarantee: 'must be 1 to 200 characters',
  frequency: 'must be WEEKLY, BIWEEKLY, MONTHLY or QUARTERLY',
  deadline: 'must be a whole number of days from 1 to 31',
  referenceTaken: 'is already used by another mandate of the agency',
  fileName: 'must be 1 to 200 characters',
  notPdf: 'is not a PDF file',
  tooLarge: 'must be 10 MB or smaller',
  nature: 'must be B2B, CONSUMER or CIVIL, or empty for the debtor type to decide',
  penaltyBasis: 'must be NONE, THREE_TIMES_LEGAL or FIXED',
  contractRate: 'with a fixed penalty rate, must be a yearly rate from 0.01 to 50 % with at most 2 decimals',
} as const;

export type MandateMessageKey = keyof typeof MANDATE_MESSAGES;

const KEY_OF = new Map<string, MandateMessageKey>(
  Object.entries(MANDATE_MESSAGES).map(([key, message]) => [message, key as MandateMessageKey]),
);

export function mandateMessageKey(message: string): MandateMessageKey | undefined {
  return KEY_OF.get(message);
}

/** A signed mandate is a scanned contract: a few MB at most. */
export const MAX_MANDATE_DOCUMENT_BYTES = 10 * 1024 * 1024;
