import type { Locale } from './locales';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'currency', currency }).format(cents / 100);
}

/** Dates stored as calendar days (YYYY-MM-DD) are shown as such, never shifted by a time zone. */
export function formatDay(isoDay: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(isoDay));
}

export function formatDateTime(iso: string, locale: Locale, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** A rate in basis points (1250) as the locale writes a percentage: 12,5 % · 12.5%. */
export function formatRate(bps: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);
}

/** A calendar day written with digits, as reports and tables print it: 31/12/2025 (fr and en-GB alike). */
export function formatShortDay(isoDay: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'short', timeZone: 'UTC' }).format(new Date(isoDay));
}

// Built once per locale: the dashboard formats thousands of cells per page.
const percent1 = Object.fromEntries(
  Object.entries(TAGS).map(([l, tag]) => [
    l,
    new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  ]),
) as Record<Locale, Intl.NumberFormat>;
const shortMonth = Object.fromEntries(
  Object.entries(TAGS).map(([l, tag]) => [
    l,
    new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  ]),
) as Record<Locale, Intl.DateTimeFormat>;

/** A recovery rate (0.728) with one decimal everywhere, so a column of rates lines up: 33,0 % under 72,8 %. */
export function formatPercent(rate: number | null, locale: Locale): string {
  return rate === null ? '—' : percent1[locale].format(rate);
}

/** A month given by its first day (2026-03-01): « mars 2026 » · "Mar 2026". */
export function formatShortMonth(isoMonth: string, locale: Locale): string {
  return shortMonth[locale].format(new Date(`${isoMonth.slice(0, 10)}T00:00:00Z`));
}

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale]).format(n);
}
