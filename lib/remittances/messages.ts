import { catalogueKeys } from '../errors/keys';

/** Every refusal of the payouts (remittances and refunds), as catalogue keys (`remittances.errors.<name>`). */
export const REMITTANCE_MESSAGES = catalogueKeys('remittances.errors', [
  'runId',
  'fileId',
  'executionOn',
  'executionPast',
  'iban',
  'bic',
  'payeeName',
  'threshold',
  'nothingDue',
  'noFundsAccount',
  'notPending',
  'sameApprover',
  'noCredit',
  'refundPending',
  'fundsShort',
  'writeOffAmount',
  'reason',
  'legalForm',
  'shareCapital',
  'rcs',
  'vatNumber',
  'paymentDays',
]);
