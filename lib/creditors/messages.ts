import { catalogueKeys } from '../errors/keys';
/**
 * Every refusal a mandate input can earn, as a catalogue key (`mandates.errors.<name>`); the mapper
 * (lib/errors/describe) writes it in the reader's language. Client components may import it.
 */
export const MANDATE_MESSAGES = catalogueKeys('mandates.errors', [
  'required',
  'mandateId',
  'creditorId',
  'readAt',
  'reference',
  'scope',
  'day',
  'endBeforeStart',
  'percent',
  'judicialRequired',
  'amount',
  'guarantee',
  'frequency',
  'deadline',
  'referenceTaken',
  'fileName',
  'notPdf',
  'tooLarge',
  'nature',
  'penaltyBasis',
  'contractRate',
  'planInterestMode',
  'planMaxMonths',
  'planMinInstalment',
  'payoutIban',
  'payoutBic',
  'remittanceMode',
  'judicialCostsBy',
]);

export type MandateMessageKey = keyof typeof MANDATE_MESSAGES;

/** A signed mandate is a scanned contract: a few MB at most. */
export const MAX_MANDATE_DOCUMENT_BYTES = 10 * 1024 * 1024;
