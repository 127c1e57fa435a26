import { catalogueKeys } from '../errors/keys';

/**
 * Every refusal a payment or plan input can earn, as a catalogue key (`payments.errors.<name>`): the mapper
 * (lib/errors/describe) writes it in the reader's language, English for API callers.
 */
export const PAYMENT_MESSAGES = catalogueKeys('payments.errors', [
  'required',
  'fileId',
  'paymentId',
  'claimId',
  'amount',
  'downPayment',
  'method',
  'day',
  'receivedInFuture',
  'receivedBeforePlacement',
  'reference',
  'claimOrder',
  'source',
  'version',
  'reason',
  'frequency',
  'instalmentChoice',
  'instalmentCount',
  'instalmentCents',
  'notCovered',
  'notCoveredWithInterest',
  'zeroInstalment',
  'downPaymentTooLarge',
  'pastDate',
  'afterDownPayment',
  'nothingDue',
  'alreadyReversed',
  'notReversible',
  'planActive',
  'noActivePlan',
  'statusForbidsPlan',
  'noPlanAwaiting',
  'planDecided',
  'decisionNote',
  'decision',
  'planId',
]);

export type PaymentMessageKey = keyof typeof PAYMENT_MESSAGES;

/** A plan longer than five years is no longer an arrangement the agency can follow up. */
export const MAX_INSTALMENTS = 60;
