import { addDays, addMonths } from '../dates/days';

/**
 * The interest engine: what a debtor owes on top of the principal, computed to a given day.
 * Pure: no clock, no I/O. Money in integer cents, rates in basis points, days as 'YYYY-MM-DD'.
 *
 * Only two things are ever added to a claim (CPCE L111-8 leaves every other collection cost with the
 * creditor, and any clause saying otherwise is void): interest or late penalties, and — between businesses
 * only — the fixed €40 recovery indemnity. No collection fee exists anywhere in this module, on purpose.
 */

export interface LegalRateRow {
  validFrom: string;
  validTo: string;
  individualBps: number;
  otherBps: number;
}
export interface EcbRateRow {
  validFrom: string;
  rateBps: number;
}
export interface RateTables {
  legal: LegalRateRow[];
  ecb: EcbRateRow[];
}
export type ClaimNature = 'B2B' | 'CONSUMER' | 'CIVIL';
export interface ChargeInput {
  nature: ClaimNature;
  dueOn: string;
  formalNoticeOn: string | null;
  asOf: string;
  principalCents: number;
  /** Principal repaid (negative cents reverse an earlier repayment); the base falls from the day after. */
  principalPaid: { on: string; cents: number }[];
  creditorIsPrivateIndividual?: boolean;
  /**
   * B2B: the penalty rate the creditor's terms of sale set, if any (floored at 3 × the legal rate). A clause
   * "trois fois le taux d'intérêt légal" is stored as 0: the lowest rate the terms can set, which the floor raises.
   */
  contractRateBps?: number | null;
  /**
   * The last day interest and the €40 indemnity can run, when something stopped them for good: the day before an
   * opening judgment of collective proceedings, for a claim born before it (C. com. L622-28, lib/interest/balances.ts).
   */
  stopOn?: string | null;
  /**
   * Days on which no interest runs, both ends inclusive (`to` null: up to `asOf`): the creditor waived it while
   * a payment plan is honoured (lib/payments/interest-waivers.ts). The €40 indemnity, owed once, is not affected.
   */
  interestFrozen?: readonly InterestFreeze[];
  /**
   * The day a court decision ordering payment of the claim became enforceable (a title): the legal rate rises by
   * 5 points from `majoredFrom` of it (CMF L313-3). Null or absent: no title.
   */
  titleEnforceableOn?: string | null;
}
export interface InterestFreeze {
  from: string;
  to: string | null;
}
export interface ChargePeriod {
  /** First and last day of interest, both inclusive. */
  from: string;
  to: string;
  days: number;
  rateBps: number;
  baseCents: number;
  cents: number;
  basis: 'ECB_PLUS_10' | 'CONTRACT' | 'THREE_TIMES_LEGAL' | 'LEGAL';
}
export interface Charges {
  interestCents: number;
  indemnityCents: number;
  periods: ChargePeriod[];
  /** A rate was carried past (or before) the published tables: the figure is provisional. */
  estimated: boolean;
}

/** Code de commerce D441-5: the fixed recovery indemnity is €40 per invoice paid late. */
export const RECOVERY_INDEMNITY_CENTS = 4000;
/** Code de commerce L441-10 II: the ECB rate "majoré de 10 points de pourcentage". */
export const ECB_MARGIN_BPS = 1000;
/** Code de commerce L441-10 II: a contractual penalty rate may not be lower than three times the legal rate. */
export const LEGAL_FLOOR_MULTIPLIER = 3;
/** CMF L313-3 al. 1: after a court order to pay, « le taux de l'intérêt légal est majoré de cinq points ». */
export const TITLE_MAJORATION_BPS = 500;
/** CMF L313-3 al. 1: « à l'expiration d'un délai de deux mois à compter du jour où la décision de justice est devenue exécutoire ». */
export const TITLE_MAJORATION_MONTHS = 2;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC), so day arithmetic is integer arithmetic. */
function dayNumber(day: string): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar day: ${day}`);
  }
  return ms / DAY_MS;
}

function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The calendar half-year holding a day: rates are fixed per half-year (L441-10, and L313-2 CMF). */
function halfYearOf(n: number): { start: number; end: number; year: number } {
  const d = new Date(n * DAY_MS);
  const year = d.getUTCFullYear();
  const firstHalf = d.getUTCMonth() < 6;
  const start = Date.UTC(year, firstHalf ? 0 : 6, 1) / DAY_MS;
  const end = Date.UTC(year, firstHalf ? 5 : 11, firstHalf ? 30 : 31) / DAY_MS;
  return { start, end, year };
}

/** base × rate × days / (10 000 × days in year), rounded half-up to the cent; bigint so nothing overflows. */
function periodCents(baseCents: number, rateBps: number, days: number, yearDays: number): number {
  const numerator = BigInt(baseCents) * BigInt(rateBps) * BigInt(days);
  const denominator = 10_000n * BigInt(yearDays);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

interface RateChoice {
  rateBps: number;
  basis: ChargePeriod['basis'];
  estimated: boolean;
}

/**
 * The legal-rate row for the half-year starting on `halfStart`. Outside the published rows the nearest
 * earlier row (or, before the table, the first) stands in, flagged as an estimate.
 */
function legalRowFor(halfStart: number, legal: LegalRateRow[]): { row: LegalRateRow; estimated: boolean } {
  const sorted = [...legal].sort((a, b) => dayNumber(a.validFrom) - dayNumber(b.validFrom));
  const first = sorted[0];
  if (!first) throw new Error('No legal interest rate is known');
  let earlier: LegalRateRow | undefined;
  for (const row of sorted) {
    if (dayNumber(row.validFrom) <= halfStart) {
      if (halfStart <= dayNumber(row.validTo)) return { row, estimated: false };
      earlier = row;
    }
  }
  return { row: earlier ?? first, estimated: true };
}

/**
 * The ECB main refinancing rate in force on the half-year's first day (L441-10: the rate "en vigueur au
 * 1er janvier" / "au 1er juillet" applies to the whole half-year). A rate stays in force until the next row,
 * but only as far as someone kept the table: a half-year starting after the last row may have seen a change
 * nobody entered, so its rate is an estimate, as is a day before the table (lib/interest/coverage.ts says the
 * same to the screens).
 */
function ecbRateFor(halfStart: number, ecb: EcbRateRow[]): { rateBps: number; estimated: boolean } {
  const sorted = [...ecb].sort((a, b) => dayNumber(a.validFrom) - dayNumber(b.validFrom));
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) throw new Error('No ECB reference rate is known');
  let inForce: EcbRateRow | undefined;
  for (const row of sorted) if (dayNumber(row.validFrom) <= halfStart) inForce = row;
  if (!inForce) return { rateBps: first.rateBps, estimated: true };
  return { rateBps: inForce.rateBps, estimated: halfStart > dayNumber(last.validFrom) };
}

/**
 * The first day the legal rate runs majored by 5 points on a claim under a title that became enforceable on
 * `enforceableOn` (CMF L313-3): the two months end on the day bearing the same number (or the month's last day,
 * CPC 641, lib/dates addMonths) at midnight, so the majoration runs from the next day. This is a rate rule, not a
 * procedural deadline: CPC 642 does not move it past a weekend.
 */
export function majoredFrom(enforceableOn: string): string {
  return addDays(addMonths(enforceableOn, TITLE_MAJORATION_MONTHS), 1);
}

function rateFor(input: ChargeInput, halfStart: number, rates: RateTables, from: number): RateChoice {
  const choice = baseRateFor(input, halfStart, rates);
  // L313-3 majors the legal rate only: a contractual or L441-10 rate the decision kept is not "l'intérêt légal".
  if (choice.basis === 'LEGAL' && input.titleEnforceableOn && from >= dayNumber(majoredFrom(input.titleEnforceableOn)))
    return { ...choice, rateBps: choice.rateBps + TITLE_MAJORATION_BPS };
  return choice;
}

function baseRateFor(input: ChargeInput, halfStart: number, rates: RateTables): RateChoice {
  const legal = legalRowFor(halfStart, rates.legal);
  if (input.nature === 'B2B') {
    // Code de commerce L441-10 II: « Sauf disposition contraire qui ne peut toutefois fixer un taux inférieur à
    // trois fois le taux d'intérêt légal, ce taux est égal au taux [BCE] majoré de 10 points ». The floor binds
    // a contractual rate only; without one the ECB rate + 10 points applies as is. The creditor is a business,
    // so the legal rate is the "other cases" one (Code monétaire et financier L313-2).
    if (input.contractRateBps != null) {
      const floor = LEGAL_FLOOR_MULTIPLIER * legal.row.otherBps;
      return floor > input.contractRateBps
        ? { rateBps: floor, basis: 'THREE_TIMES_LEGAL', estimated: legal.estimated }
        : { rateBps: input.contractRateBps, basis: 'CONTRACT', estimated: legal.estimated };
    }
    const ecb = ecbRateFor(halfStart, rates.ecb);
    return { rateBps: ecb.rateBps + ECB_MARGIN_BPS, basis: 'ECB_PLUS_10', estimated: ecb.estimated };
  }
  // Code monétaire et financier L313-2: the higher rate applies when the creditor is a natural person not
  // acting for professional needs; every other creditor gets the "other cases" rate.
  const rateBps = input.creditorIsPrivateIndividual ? legal.row.individualBps : legal.row.otherBps;
  return { rateBps, basis: 'LEGAL', estimated: legal.estimated };
}

/**
 * The last day before interest starts (interest runs from the day after):
 * - B2B: the due date — penalties are owed "sans qu'un rappel soit nécessaire" (C. com. L441-10 II);
 * - consumer and civil: the formal notice (C. civ. 1231-6, 1344-1), and never before the sum is due.
 */
function accrualStart(input: ChargeInput): number | null {
  const due = dayNumber(input.dueOn);
  if (input.nature === 'B2B') return due;
  if (input.formalNoticeOn === null) return null;
  return Math.max(due, dayNumber(input.formalNoticeOn));
}

/** Principal still owed over the days after `day`, from the repayments made up to and including `day`. */
function baseAfter(day: number, input: ChargeInput, paid: { n: number; cents: number }[]): number {
  let base = input.principalCents;
  for (const p of paid) if (p.n <= day) base -= p.cents;
  return Math.min(Math.max(base, 0), input.principalCents);
}

export function computeCharges(input: ChargeInput, rates: RateTables): Charges {
  if (!Number.isSafeInteger(input.principalCents) || input.principalCents < 0) {
    throw new RangeError(`Principal must be whole non-negative cents: ${input.principalCents}`);
  }
  // C. com. L622-28: « Le jugement d'ouverture arrête le cours des intérêts légaux et conventionnels, ainsi que de
  // tous intérêts de retard et majorations »: nothing accrues after `stopOn`, whatever day the balance is read.
  const asOf = input.stopOn ? Math.min(dayNumber(input.asOf), dayNumber(input.stopOn)) : dayNumber(input.asOf);
  const due = dayNumber(input.dueOn);
  const paid = input.principalPaid.map((p) => ({ n: dayNumber(p.on), cents: p.cents }));

  // Code de commerce L441-10 II: the €40 indemnity is owed "de plein droit" by a business paying late,
  // once per invoice — whatever later happens to the principal.
  const late = asOf > due && baseAfter(due, input, paid) > 0;
  const indemnityCents = input.nature === 'B2B' && late ? RECOVERY_INDEMNITY_CENTS : 0;

  const start = accrualStart(input);
  if (start === null || asOf <= start) return { interestCents: 0, indemnityCents, periods: [], estimated: false };

  // Periods end on each half-year's last day and on each repayment day (the base changes the day after).
  const ends = new Set<number>([asOf]);
  for (let h = halfYearOf(start + 1); h.end < asOf; h = halfYearOf(h.end + 1)) ends.add(h.end);
  for (const p of paid) if (p.n > start && p.n < asOf) ends.add(p.n);
  // A freeze is a period of its own: split the days before it from it, and it from the days after.
  const freezes = (input.interestFrozen ?? []).map((f) => ({
    from: dayNumber(f.from),
    to: f.to === null ? asOf : dayNumber(f.to),
  }));
  for (const f of freezes) {
    if (f.from - 1 > start && f.from - 1 < asOf) ends.add(f.from - 1);
    if (f.to > start && f.to < asOf) ends.add(f.to);
  }
  const frozen = (day: number) => freezes.some((f) => f.from <= day && day <= f.to);
  // The majoration of a title starts a period of its own.
  if (input.titleEnforceableOn) {
    const before = dayNumber(majoredFrom(input.titleEnforceableOn)) - 1;
    if (before > start && before < asOf) ends.add(before);
  }

  const periods: ChargePeriod[] = [];
  let estimated = false;
  let previousHalf = -1;
  let last = start;
  for (const end of [...ends].sort((a, b) => a - b)) {
    const from = last + 1;
    last = end;
    const baseCents = baseAfter(from - 1, input, paid);
    if (baseCents === 0 || frozen(from)) continue;
    const half = halfYearOf(from);
    const rate = rateFor(input, half.start, rates, from);
    estimated ||= rate.estimated;
    const prev = periods.at(-1);
    // A repayment and its same-day reversal leave the base as it was: keep one period, not two.
    if (
      prev &&
      previousHalf === half.start &&
      dayNumber(prev.to) === from - 1 &&
      prev.baseCents === baseCents &&
      prev.rateBps === rate.rateBps
    ) {
      prev.to = dayString(end);
      prev.days += end - from + 1;
      continue;
    }
    previousHalf = half.start;
    periods.push({
      from: dayString(from),
      to: dayString(end),
      days: end - from + 1,
      rateBps: rate.rateBps,
      baseCents,
      cents: 0,
      basis: rate.basis,
    });
  }

  // Simple interest, actual/actual by calendar year (each period lies in one half-year, so in one year),
  // each period rounded half-up to the cent before summing.
  let interestCents = 0;
  for (const p of periods) {
    const yearDays = isLeap(Number(p.from.slice(0, 4))) ? 366 : 365;
    p.cents = periodCents(p.baseCents, p.rateBps, p.days, yearDays);
    interestCents += p.cents;
  }
  return { interestCents, indemnityCents, periods, estimated };
}
