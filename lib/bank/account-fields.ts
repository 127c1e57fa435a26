import { z } from 'zod';
import { orRequired } from '../forms/fields';
import { compactIban, isValidBic, isValidIban } from './iban';

// Bank account fields as every input schema takes them (a mandate's payout account, a refund's payee): spaces and
// case as people type them, the checks a bank would make before it takes a transfer.

/** ISO 13616: the checksum too, so a mistyped account can never reach a transfer file. */
export const ibanField = (message: string) =>
  z
    .string({ error: orRequired(message) })
    .transform(compactIban)
    .refine(isValidIban, message);

/** ISO 9362: 8 or 11 characters, bank, country, location (and branch). */
export const bicField = (message: string) =>
  z
    .string({ error: orRequired(message) })
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine(isValidBic, message);
