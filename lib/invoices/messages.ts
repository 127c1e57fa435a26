import { catalogueKeys } from '../errors/keys';

/** The refusals of commission invoices, as catalogue keys (`invoices.errors.<name>`). */
export const INVOICE_MESSAGES = catalogueKeys('invoices.errors', [
  'invoiceId',
  'sellerIdentity',
  'amount',
  'receivedOn',
  'reference',
  'notPayable',
  'overpaid',
  'creditorId',
  'nothingToInvoice',
]);
