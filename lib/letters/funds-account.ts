import { AppError } from '../errors/app-error';
import { isValidIban } from '../bank/iban';

/** A catalogue key (lib/errors/describe renders it). */
export const NO_FUNDS_ACCOUNT = 'errors.letters.noFundsAccount';

/**
 * The agency's account reserved for creditors' funds (CPCE R124-2), spaces removed: every letter and receipt
 * sends the debtor's payment there, so none is drawn without it.
 */
export function fundsAccount(iban: string | null | undefined): string {
  const compact = iban?.replace(/\s+/g, '') ?? '';
  if (!isValidIban(compact)) throw new AppError('CONFLICT', NO_FUNDS_ACCOUNT);
  return compact;
}
