import { formatterFor } from './formatter';
import type { Locale } from './locales';

// Every number, sum and date a screen, report or letter shows, through next-intl's formatter (formatter.ts).

const utcDay = (isoDay: string) => new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return formatterFor(locale).number(cents / 100, { style: 'currency', currency });
}

/** A sum rounded to the unit, for chart axes and totals: 12 346 € · €12,346; compact: 12 k€ · €12K. */
export function formatWholeMoney(cents: number, currency: string, locale: Locale, compact = false): string {
  return formatterFor(locale).number(cents / 100, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
    notation: compact ? 'compact' : 'standard',
  });
}

/** Dates stored as calendar days (YYYY-MM-DD) are shown as such, never shifted by a time zone. */
export function formatDay(isoDay: string, locale: Locale): string {
  return formatterFor(locale).dateTime(new Date(isoDay), { dateStyle: 'medium', timeZone: 'UTC' });
}

export function formatDateTime(iso: string, locale: Locale, timeZone = 'Europe/Paris'): string {
  return formatterFor(locale, timeZone).dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar day with its weekday, short: « lun. 7 déc. » · "Mon 7 Dec" (with the year when asked). */
export function formatWeekday(isoDay: string, locale: Locale, withYear = false): string {
  return formatterFor(locale).dateTime(utcDay(isoDay), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** The time of day of an instant in a time zone: 08:00. */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return formatterFor(locale, timeZone).dateTime(new Date(iso), { hour: '2-digit', minute: '2-digit' });
}

/** A rate in basis points (1250) as the locale writes a percentage: 12,5 % · 12.5%. */
export function formatRate(bps: number, locale: Locale): string {
  return formatterFor(locale).number(bps / 10_000, { style: 'percent', maximumFractionDigits: 2 });
}

/** A calendar day written with digits, as reports and tables print it: 31/12/2025 (fr and en-GB alike). */
export function formatShortDay(isoDay: string, locale: Locale): string {
  return formatterFor(locale).dateTime(new Date(isoDay), { dateStyle: 'short', timeZone: 'UTC' });
}

/** A recovery rate (0.728) with one decimal everywhere, so a column of rates lines up: 33,0 % under 72,8 %. */
export function formatPercent(rate: number | null, locale: Locale): string {
  return rate === null
    ? '—'
    : formatterFor(locale).number(rate, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A month given by its first day (2026-03-01): « mars 2026 » · "Mar 2026"; long: « mars 2026 » · "March 2026". */
export function formatShortMonth(isoMonth: string, locale: Locale, long = false): string {
  return formatterFor(locale).dateTime(utcDay(isoMonth), {
    month: long ? 'long' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A count as the locale groups thousands; compact for chart axes (1,2 k · 1.2K). */
export function formatCount(n: number, locale: Locale, compact = false): string {
  return formatterFor(locale).number(n, {
    maximumFractionDigits: compact ? 1 : 0,
    notation: compact ? 'compact' : 'standard',
  });
}

/** A plain decimal number, up to two decimals: 12,5 · 12.5. */
export function formatDecimal(n: number, locale: Locale): string {
  return formatterFor(locale).number(n, { maximumFractionDigits: 2 });
}
