import { describe, expect, it } from 'vitest';
import { ecbCovers, halfYearOf, legalCovers, nextHalfYear, nextLegalHalfYear } from '../../lib/interest/coverage';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

describe('half-years', () => {
  it.each([
    ['2026-01-01', '2026-01-01', '2026-06-30'],
    ['2026-06-30', '2026-01-01', '2026-06-30'],
    ['2026-07-01', '2026-07-01', '2026-12-31'],
    ['2026-12-31', '2026-07-01', '2026-12-31'],
  ])('%s lies in %s – %s', (day, from, to) => {
    expect(halfYearOf(day)).toEqual({ from, to });
  });

  it('follows 1 July with 1 January of the next year', () => {
    expect(nextHalfYear('2026-01-01')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(nextHalfYear('2026-07-01')).toEqual({ from: '2027-01-01', to: '2027-06-30' });
  });
});

describe('what the shipped tables cover', () => {
  it('covers legal rates from 1 January 2015 to 30 June 2026, and asks for 2026 H2 next', () => {
    expect(legalCovers(RATES, '2014-12-31')).toBe(false);
    expect(legalCovers(RATES, '2015-01-01')).toBe(true);
    expect(legalCovers(RATES, '2026-06-30')).toBe(true);
    expect(legalCovers(RATES, '2026-07-01')).toBe(false);
    expect(nextLegalHalfYear(RATES)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
  });

  it('knows the ECB rate of a half-year only once a row reaches its first day', () => {
    // 2016 H2: the rows of 16 March 2016 and 27 July 2022 frame it.
    expect(ecbCovers(RATES, '2016-09-01')).toBe(true);
    // 2026 H1: the row of 1 January 2026 (rate kept by the 18 December 2025 decision).
    expect(ecbCovers(RATES, '2026-06-30')).toBe(true);
    // 2026 H2: nobody has entered the rate in force on 1 July 2026.
    expect(ecbCovers(RATES, '2026-12-07')).toBe(false);
  });

  it('asks for the first half-year when the legal table is empty', () => {
    expect(nextLegalHalfYear({ legal: [] })).toBeNull();
    expect(legalCovers({ legal: [] }, '2026-12-07')).toBe(false);
  });
});
