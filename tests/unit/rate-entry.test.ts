import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors/app-error';
import { parseInput } from '../../lib/errors/zod';
import {
  ecbRateEntrySchema,
  legalRateEntrySchema,
  percentToBps,
  RATE_ERRORS as E,
} from '../../lib/interest/rate-entry';
import { MIGRATION_RATES as tables } from '../fixtures/interest/migration-rates';

const today = '2026-12-07';
const legal = (input: Record<string, unknown>) => parseInput(legalRateEntrySchema({ tables, today }), input);
const ecb = (input: Record<string, unknown>) => parseInput(ecbRateEntrySchema({ tables, today }), input);
const fieldsOf = (run: () => unknown): Record<string, string> => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
  throw new Error('accepted');
};
const nextHalf = {
  validFrom: '2026-07-01',
  individual: '6,50',
  other: '2,40',
  decidedOn: '2026-06-20',
  publishedRef: '',
};

describe('percentages as typed', () => {
  it.each([
    ['6,67', 667],
    ['6.67', 667],
    ['6,67 %', 667],
    ['0,5', 50],
    ['2', 200],
    ['0', 0],
    ['50', 5000],
  ])('%s → %i bps', (typed, bps) => {
    expect(percentToBps(typed)).toBe(bps);
  });

  it.each(['6,675', '-1', '50,01', '120', 'six', '', '6,67%%'])('refuses %j', (typed) => {
    expect(percentToBps(typed)).toBeNull();
  });
});

describe('the next legal half-year', () => {
  it('takes the half-year right after the last one, and fills in its last day', () => {
    expect(legal(nextHalf)).toEqual({
      validFrom: '2026-07-01',
      validTo: '2026-12-31',
      individualBps: 650,
      otherBps: 240,
      decidedOn: '2026-06-20',
      publishedRef: null,
    });
  });

  it.each([
    ['a gap', '2027-01-01'],
    ['an overlap', '2026-01-01'],
    ['a day that starts no half-year', '2026-07-02'],
  ])('refuses %s', (_, validFrom) => {
    expect(fieldsOf(() => legal({ ...nextHalf, validFrom }))).toEqual({ validFrom: E.notNextHalfYear });
  });

  it('names every bad field with its reason', () => {
    expect(
      fieldsOf(() =>
        legal({ validFrom: '2026-07-01', individual: '70', other: '', decidedOn: '2026-12-08', publishedRef: '<b>' }),
      ),
    ).toEqual({ individual: E.percent, other: E.required, decidedOn: E.decidedInFuture, publishedRef: E.publishedRef });
  });

  it('refuses a private-individual rate below the other one', () => {
    expect(fieldsOf(() => legal({ ...nextHalf, individual: '2,00' }))).toEqual({ individual: E.individualBelowOther });
  });
});

describe('a new ECB rate', () => {
  const entry = {
    validFrom: '2026-07-01',
    rate: '2,15',
    decidedOn: '2026-06-11',
    publishedRef: 'ECB press release 2026-06-11',
  };

  it('appends a rate after the last row', () => {
    expect(ecb(entry)).toEqual({
      validFrom: '2026-07-01',
      rateBps: 215,
      decidedOn: '2026-06-11',
      publishedRef: 'ECB press release 2026-06-11',
    });
  });

  it('refuses a day on or before the last row, too far ahead, or decided after it takes effect', () => {
    expect(fieldsOf(() => ecb({ ...entry, validFrom: '2026-01-01', decidedOn: '2025-12-18' }))).toEqual({
      validFrom: E.notAfterLast,
    });
    expect(fieldsOf(() => ecb({ ...entry, validFrom: '2027-02-01' }))).toEqual({ validFrom: E.tooFarAhead });
    expect(fieldsOf(() => ecb({ ...entry, decidedOn: '2026-07-02' }))).toEqual({ decidedOn: E.decidedAfterStart });
    expect(fieldsOf(() => ecb({ ...entry, rate: '-0,5' }))).toEqual({ rate: E.percent });
  });
});
