import { catalogueKeys } from '../errors/keys';

/** Every refusal the books and the commission terms can earn, as catalogue keys (`ledger.errors.<name>`). */
export const LEDGER_MESSAGES = catalogueKeys('ledger.errors', [
  'fileId',
  'bands',
  'band',
  'basis',
  'percent',
  'amount',
  'maximumBelowMinimum',
  'vat',
]);
