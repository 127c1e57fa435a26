import { AppError } from '../errors/app-error';

/** One movement on the agency's account, as a bank statement (camt.053 or MT940) reports it. */
export interface StatementEntry {
  /** Position in the file, from 1: how an error names the entry. */
  index: number;
  accountIban: string;
  /** The bank's own reference of the entry: what makes a second import of the same statement change nothing. */
  bankRef: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: bigint;
  currency: string;
  direction: 'CREDIT' | 'DEBIT';
  /** The bank reversed an earlier entry (camt RvslInd, MT940 RC/RD). */
  reversal: boolean;
  /** Payer of a credit, payee of a debit. */
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** Structured creditor references (ISO 11649 RF or the bank's own) the transfer carried. */
  creditorRefs: string[];
  /** Free remittance text, lines joined by a space. */
  remittance: string;
  endToEndId: string | null;
  /** ISO 20022 return reason (a returned direct debit or transfer), e.g. AC04, MD06. */
  returnReason: string | null;
}

export type StatementFormat = 'CAMT053' | 'MT940';

/**
 * Every refusal of a bank statement: INVALID with its catalogue key (`reasons.statement.*`), repeated on the
 * `file` field for the upload form; `entry` names the entry when one is at fault.
 */
export function refuseStatement(key: string, values: Record<string, string | number> = {}): AppError {
  const ref = { key: `reasons.statement.${key}`, values };
  return new AppError('INVALID', ref, { file: ref });
}

/** An amount as the standards write it (ISO 20022 "1234.5", SWIFT "1234,5") in cents; more than cents refused. */
export function statementCents(text: string, decimal: '.' | ',', entry: number): bigint {
  const match = (decimal === '.' ? /^(\d{1,15})(?:\.(\d{0,5}))?$/ : /^(\d{1,15})(?:,(\d{0,5}))?$/).exec(text.trim());
  const fraction = match?.[2] ?? '';
  if (!match || /[1-9]/.test(fraction.slice(2))) throw refuseStatement('amount', { entry, value: text.trim() });
  return BigInt(match[1]!) * 100n + BigInt((fraction + '00').slice(0, 2));
}

/** YYYY-MM-DD, from an ISO date or date-time (the bank's own day, as printed). */
export function statementDay(text: string, entry: number): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!day) throw refuseStatement('date', { entry, value: text.trim() });
  const [, y, m, d] = day.map(Number) as [number, number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw refuseStatement('date', { entry, value: text });
  return day[0]!;
}
