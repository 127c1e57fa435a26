import type { JournalKind, LedgerAccountKind } from '../db/generated/enums';

/**
 * The chart of accounts. The rows live in the ledger_account table (migration 20261207154000_ledger), which the
 * database checks every line against; this copy gives the code their names and types. A creditor's sub-account
 * is (account, creditorId).
 */
export const ACCOUNTS = {
  /** CPCE R124-2: the bank account used only for the money collected for creditors. */
  CREDITOR_FUNDS_BANK: { kind: 'ASSET', perCreditor: false },
  /** What the agency owes each creditor out of that account: the funds held. */
  CREDITOR_FUNDS_PAYABLE: { kind: 'LIABILITY', perCreditor: true },
  /** Commission, tax included, the creditor owes until it is taken from its funds or paid. */
  COMMISSION_RECEIVABLE: { kind: 'ASSET', perCreditor: true },
  COMMISSION_EARNED: { kind: 'INCOME', perCreditor: false },
  VAT_COLLECTED: { kind: 'LIABILITY', perCreditor: false },
  /** A debtor's overpayment, held until refunded. */
  DEBTOR_CREDIT_HELD: { kind: 'LIABILITY', perCreditor: true },
  /** Bank credits not matched to a file yet. */
  UNMATCHED_RECEIPTS: { kind: 'LIABILITY', perCreditor: false },
  /** The agency's own account, where commission taken from the funds goes. */
  AGENCY_BANK: { kind: 'ASSET', perCreditor: false },
  WRITE_OFFS: { kind: 'EXPENSE', perCreditor: false },
  /** An overpayment refunded whose payment was then reversed: the debtor owes it back (lib/payments/reverse-payment.ts). */
  REFUND_TO_RECOVER: { kind: 'ASSET', perCreditor: true },
  /** Judicial costs (a partner's invoice) the agency advanced on a creditor's files, owed by that creditor. */
  JUDICIAL_COSTS_ADVANCED: { kind: 'ASSET', perCreditor: true },
  /** What the agency owes the commissaires de justice and lawyers it instructed. */
  PARTNERS_PAYABLE: { kind: 'LIABILITY', perCreditor: false },
  /** Paid straight to the creditor: counted on a memo pair that always nets to zero. */
  DIRECT_COLLECTED: { kind: 'MEMO', perCreditor: true },
  DIRECT_COLLECTED_CONTRA: { kind: 'MEMO', perCreditor: true },
} as const satisfies Record<string, { kind: LedgerAccountKind; perCreditor: boolean }>;

export type Account = keyof typeof ACCOUNTS;

/** The creditor key of ledger_balance rows for lines that name no creditor. */
export const NO_CREDITOR = '00000000-0000-0000-0000-000000000000';

/** Liabilities and income are credit accounts: people read their balances as positive sums. */
export function readBalance(account: Account, signedCents: bigint): bigint {
  const kind = ACCOUNTS[account].kind;
  return kind === 'LIABILITY' || kind === 'INCOME' ? -signedCents : signedCents;
}

export type { JournalKind };
