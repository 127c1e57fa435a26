import { isValidIban } from '../bank/iban';
import type { AllocationLine, LetterData, PlanLetterData, ReceiptData } from './types';

/**
 * The renderers refuse data that would print a wrong or unlawful letter: sums that do not add up, an indemnity
 * charged to a consumer (Code de commerce L441-10 applies between professionals only), a malformed IBAN.
 */
export class LetterDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LetterDataError';
  }
}

function cents(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new LetterDataError(`${what} must be whole cents >= 0`);
  return value;
}

function checkDay(value: string | null | undefined, what: string): void {
  if (value != null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new LetterDataError(`${what} is not YYYY-MM-DD`);
}

function checkAgency(data: { agency: { iban: string } }): void {
  if (!isValidIban(data.agency.iban)) throw new LetterDataError("The agency's creditors'-funds IBAN is invalid");
}

export function checkLetterData(data: LetterData): void {
  checkAgency(data);
  checkDay(data.date, 'date');
  checkDay(data.deadline, 'deadline');
  checkDay(data.firstLetter?.date, 'firstLetter.date');
  if (data.deadline && data.deadline < data.date) throw new LetterDataError('The deadline is before the letter');
  if (data.claims.length === 0) throw new LetterDataError('A letter needs at least one claim');
  const sum = { principal: 0, interest: 0, indemnity: 0 };
  for (const claim of data.claims) {
    checkDay(claim.issuedOn, 'claim.issuedOn');
    checkDay(claim.dueOn, 'claim.dueOn');
    sum.principal += cents(claim.principalCents, 'principalCents');
    sum.interest += cents(claim.interestCents, 'interestCents');
    sum.indemnity += cents(claim.indemnityCents, 'indemnityCents');
  }
  if (data.debtor.kind === 'PERSON' && sum.indemnity > 0) {
    throw new LetterDataError('The €40 recovery indemnity applies to business debtors only');
  }
  // Per claim too: a consumer or civil claim on a mixed file never carries it (C. com. L441-10 is B2B only).
  if (data.claims.some((c) => c.nature && c.nature !== 'B2B' && c.indemnityCents > 0)) {
    throw new LetterDataError('The €40 recovery indemnity applies to B2B claims only');
  }
  const t = data.totals;
  if (
    t.principalCents !== sum.principal ||
    t.interestCents !== sum.interest ||
    t.indemnityCents !== sum.indemnity ||
    cents(t.paidCents, 'paidCents') + cents(t.dueCents, 'dueCents') !== sum.principal + sum.interest + sum.indemnity
  ) {
    throw new LetterDataError('The totals do not add up to the claims less the payments received');
  }
}

export function checkPlanData(data: PlanLetterData): void {
  checkLetterData(data);
  const plan = data.plan;
  if (plan.instalments.length === 0) throw new LetterDataError('A plan needs at least one instalment');
  if (!Number.isInteger(plan.graceDays) || plan.graceDays < 0) throw new LetterDataError('graceDays must be >= 0');
  let sum = cents(plan.downPaymentCents, 'downPaymentCents');
  for (const instalment of plan.instalments) {
    checkDay(instalment.dueOn, 'instalment.dueOn');
    sum += cents(instalment.amountCents, 'instalment.amountCents');
  }
  if (sum !== plan.totalCents) throw new LetterDataError('The down payment and instalments do not add up to the total');
  // The letter shows the claims and the schedule side by side: they must agree (a waiver lowers the totals first).
  // An INCLUDED plan adds the interest to its dates on top of what was due the day it was agreed.
  const included =
    plan.interest?.mode === 'INCLUDED' ? cents(plan.interest.includedCents, 'interest.includedCents') : 0;
  if (plan.totalCents !== data.totals.dueCents + included)
    throw new LetterDataError('The plan does not cover the amount due');
}

export function allocationTotal(lines: AllocationLine[]): number {
  return lines.reduce((total, line) => total + cents(line.amountCents, 'allocation.amountCents'), 0);
}

export function checkReceiptData(data: ReceiptData): void {
  checkAgency(data);
  checkDay(data.date, 'date');
  checkDay(data.payment.receivedOn, 'payment.receivedOn');
  checkDay(data.reversal?.date, 'reversal.date');
  if (cents(data.payment.amountCents, 'payment.amountCents') === 0)
    throw new LetterDataError('A receipt needs an amount');
  if (data.balanceAfterCents !== null) cents(data.balanceAfterCents, 'balanceAfterCents');
  if (allocationTotal(data.allocations) !== data.payment.amountCents) {
    throw new LetterDataError('The allocations do not add up to the payment');
  }
  if (data.debtor.kind === 'PERSON' && data.allocations.some((a) => a.part === 'INDEMNITY' && a.amountCents > 0)) {
    throw new LetterDataError('The €40 recovery indemnity applies to business debtors only');
  }
}
