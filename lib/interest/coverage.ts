import type { RateTables } from './rules';

/**
 * Whether the rate tables can price today, and what an admin enters next. Pure; days are 'YYYY-MM-DD', so
 * string order is calendar order.
 *
 * The legal table covers a day when a published half-year holds it. The ECB rate that counts is the one in
 * force on the half-year's first day (C. com. L441-10), and a rate stays in force until the next change; so
 * the ECB table is known for a half-year only once a row is dated on or after its first day — before that,
 * nobody has said the rate did not change. Both rules are the engine's (lib/interest/rules.ts), which flags
 * an amount as estimated in exactly the half-years these call uncovered.
 */

export interface HalfYear {
  from: string;
  to: string;
}

/** The calendar half-year holding a day. */
export function halfYearOf(day: string): HalfYear {
  const year = day.slice(0, 4);
  return day.slice(5, 7) <= '06'
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** The half-year after the one starting on `from`. */
export function nextHalfYear(from: string): HalfYear {
  const year = Number(from.slice(0, 4));
  return from.slice(5) === '01-01'
    ? { from: `${year}-07-01`, to: `${year}-12-31` }
    : { from: `${year + 1}-01-01`, to: `${year + 1}-06-30` };
}

export function legalCovers(tables: Pick<RateTables, 'legal'>, day: string): boolean {
  return tables.legal.some((r) => r.validFrom <= day && day <= r.validTo);
}

export function ecbCovers(tables: Pick<RateTables, 'ecb'>, day: string): boolean {
  const start = halfYearOf(day).from;
  return tables.ecb.some((r) => r.validFrom >= start);
}

/** The half-year the next legal rate is for: the one after the last published, contiguous by construction. */
export function nextLegalHalfYear(tables: Pick<RateTables, 'legal'>): HalfYear | null {
  const last = tables.legal.reduce<string | null>(
    (max, r) => (max === null || r.validFrom > max ? r.validFrom : max),
    null,
  );
  return last === null ? null : nextHalfYear(last);
}

export interface RateCoverage {
  legal: boolean;
  ecb: boolean;
}

export function rateCoverage(tables: RateTables, today: string): RateCoverage {
  return { legal: legalCovers(tables, today), ecb: ecbCovers(tables, today) };
}
