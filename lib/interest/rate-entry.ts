import { z } from 'zod';
import { addDays, isCalendarDay } from '../dates/days';
import { given, optional } from '../forms/fields';
import { halfYearOf, nextLegalHalfYear } from './coverage';
import type { RateTables } from './rules';

// What an admin types on the rate page, checked against the tables as they stand. Field errors are catalogue
// keys (messages/*.json, rates.errors), so the page shows them in the reader's language.

export const RATE_ERRORS = {
  required: 'rates.errors.required',
  day: 'rates.errors.day',
  percent: 'rates.errors.percent',
  notNextHalfYear: 'rates.errors.notNextHalfYear',
  individualBelowOther: 'rates.errors.individualBelowOther',
  notAfterLast: 'rates.errors.notAfterLast',
  tooFarAhead: 'rates.errors.tooFarAhead',
  decidedInFuture: 'rates.errors.decidedInFuture',
  decidedAfterStart: 'rates.errors.decidedAfterStart',
  publishedRef: 'rates.errors.publishedRef',
} as const;
const E = RATE_ERRORS;

/** 50 %: far above any legal or ECB rate ever published; a higher figure is a typing slip. */
export const MAX_RATE_BPS = 5000;
/** An ECB change is announced the week before it takes effect; a month covers any calendar. */
export const ECB_ANNOUNCE_DAYS = 31;
/** The same characters the published_ref column accepts (20261207050000_rate_series). */
const PUBLISHED_REF = /^[A-Za-z0-9 °./:;_-]{1,80}$/;

const text = (message: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? E.required : message) }).trim();

const day = (message: string = E.day) => given(text(message).refine(isCalendarDay, E.day));

/** "6,67", "6.67" or "6,67 %" → 667 basis points; two decimals at most, 0 to 50 %. */
export function percentToBps(input: string): number | null {
  const m = /^(\d{1,2})(?:[.,](\d{1,2}))?\s*%?$/.exec(input.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bps <= MAX_RATE_BPS ? bps : null;
}

const percent = given(
  text(E.percent).transform((v, ctx) => {
    const bps = percentToBps(v);
    if (bps === null) {
      ctx.addIssue({ code: 'custom', message: E.percent });
      return z.NEVER;
    }
    return bps;
  }),
);

const publishedRef = optional(text(E.publishedRef).regex(PUBLISHED_REF, E.publishedRef)).transform((v) => v ?? null);

interface EntryContext {
  tables: RateTables;
  /** The agency's day: a decision cannot be dated after it. */
  today: string;
}

/** The half-year right after the last published one, its two rates, and the arrêté that set them. */
export function legalRateEntrySchema({ tables, today }: EntryContext) {
  const next = nextLegalHalfYear(tables);
  return z
    .object({
      validFrom: day()
        .refine((d) => halfYearOf(d).from === d, E.notNextHalfYear)
        .refine((d) => next === null || d === next.from, E.notNextHalfYear),
      individual: percent,
      other: percent,
      decidedOn: day().refine((d) => d <= today, E.decidedInFuture),
      publishedRef,
    })
    .strict()
    .refine((v) => v.individual >= v.other, { path: ['individual'], message: E.individualBelowOther })
    .transform((v) => ({
      validFrom: v.validFrom,
      // The half-year's last day, as the column's check wants it.
      validTo: halfYearOf(v.validFrom).to,
      individualBps: v.individual,
      otherBps: v.other,
      decidedOn: v.decidedOn,
      publishedRef: v.publishedRef,
    }));
}

export type LegalRateEntry = z.infer<ReturnType<typeof legalRateEntrySchema>>;

/**
 * A new ECB main refinancing rate and the day it takes effect (after the last row: the table only grows), or
 * the rate still in force on a half-year's first day, which is what L441-10 reads.
 */
export function ecbRateEntrySchema({ tables, today }: EntryContext) {
  const last = tables.ecb.reduce<string | null>(
    (max, r) => (max === null || r.validFrom > max ? r.validFrom : max),
    null,
  );
  const latest = addDays(today, ECB_ANNOUNCE_DAYS);
  return z
    .object({
      validFrom: day()
        .refine((d) => last === null || d > last, E.notAfterLast)
        .refine((d) => d <= latest, E.tooFarAhead),
      rate: percent,
      decidedOn: day().refine((d) => d <= today, E.decidedInFuture),
      publishedRef,
    })
    .strict()
    .refine((v) => v.decidedOn <= v.validFrom, { path: ['decidedOn'], message: E.decidedAfterStart })
    .transform((v) => ({
      validFrom: v.validFrom,
      rateBps: v.rate,
      decidedOn: v.decidedOn,
      publishedRef: v.publishedRef,
    }));
}

export type EcbRateEntry = z.infer<ReturnType<typeof ecbRateEntrySchema>>;
